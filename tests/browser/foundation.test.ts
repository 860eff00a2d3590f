import { describe, expect, it } from "vitest";
import { chromiumPerFile } from "../support/browser.ts";
import { measureFirstVisit } from "../../scripts/lib/measure.ts";
import { pageTemplates, templateLangs } from "../support/page-templates.ts";
import { langCodes } from "../../site/src/core/i18n/languages.ts";

const { baseUrl, newContext } = chromiumPerFile();

describe("every language answers at its prefix, and / answers in one request", () => {
  it.each([["/", "vi"], ...langCodes.map((l) => [`/${l}/`, l])])(
    "%s → 200, lang=%s",
    async (path, lang) => {
      const res = await fetch(new URL(path, baseUrl), { redirect: "manual" });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toMatch(new RegExp(`<html lang="${lang}"`));
      expect(html).toContain('href="/en/'); // a useful page: it links onward, not a script redirect
      expect(html).not.toMatch(/http-equiv="refresh"/);
    },
  );
});

describe("no request ever leaves this origin", () => {
  it.each(Object.entries(pageTemplates))("%s, in every language", async (_name, template) => {
    const tracked = await newContext();
    const page = await tracked.newPage();
    for (const lang of templateLangs(template))
      await page.goto(`/${lang}/${template.path}`, { waitUntil: "networkidle" });
    await tracked.context.close();
    expect(tracked.foreignRequests).toEqual([]);
  });
});

describe("security headers", () => {
  it.each(["/", "/vi/", "/en/guides/", "/_astro/", "/api/health", "/vi/nothing-here/"])(
    "%s",
    async (path) => {
      const res = await fetch(new URL(path, baseUrl));
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("permissions-policy")).toMatch(/camera=\(\)/);
      expect(res.headers.get("set-cookie")).toBeNull();
    },
  );

  it("the CSP allows every inline script actually on the pages (no violations)", async () => {
    const tracked = await newContext();
    const page = await tracked.newPage();
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    for (const t of Object.values(pageTemplates))
      await page.goto(`/${templateLangs(t).includes("en") ? "en" : "hmn"}/${t.path}`, {
        waitUntil: "networkidle",
      });
    await tracked.context.close();
    expect(violations).toEqual([]);
  });
});

describe("budgets", () => {
  it.each(["vi", "en"])(
    "a guide in %s: ≤ 20 KB transferred (gzip HTML + CSS), no JavaScript",
    async (lang) => {
      const tracked = await newContext();
      const weight = await measureFirstVisit(
        await tracked.newPage(),
        `/${lang}/${pageTemplates.guide!.path}`,
      );
      await tracked.context.close();
      console.log(
        `guide (${lang}): HTML ${weight.html} B + CSS ${weight.css} B gzip, JS ${weight.js} B`,
      );
      expect(weight.html + weight.css).toBeLessThanOrEqual(20 * 1024);
      expect(weight.js).toBe(0);
    },
  );

  it.each(["blt", "km"])(
    "a %s page loads its script font, subset, and stays in budget apart from it",
    async (lang) => {
      const tracked = await newContext();
      const weight = await measureFirstVisit(await tracked.newPage(), `/${lang}/essentials/`);
      await tracked.context.close();
      console.log(
        `essentials (${lang}): HTML ${weight.html} B + CSS ${weight.css} B gzip, font ${weight.fonts} B`,
      );
      expect(weight.html + weight.css).toBeLessThanOrEqual(20 * 1024);
      expect(weight.js).toBe(0);
      // This machine has no Tai Viet or Khmer font installed, so the subset must be downloaded and used.
      expect(weight.fonts).toBeGreaterThan(5 * 1024);
      expect(weight.fonts).toBeLessThanOrEqual(30 * 1024);
    },
  );

  it("pages in other languages do not load the script fonts", async () => {
    const tracked = await newContext();
    const weight = await measureFirstVisit(await tracked.newPage(), `/vi/essentials/`);
    await tracked.context.close();
    expect(weight.transfers.filter((t) => t.url.includes("/fonts/"))).toEqual([]);
  });
});

describe("language picker, without JavaScript", () => {
  it("keeps the reader on the same page", async () => {
    const tracked = await newContext({ javaScriptEnabled: false });
    const page = await tracked.newPage();
    await page.goto(`/en/${pageTemplates.guide!.path}`);
    await page
      .getByRole("navigation", { name: /Language/ })
      .getByRole("link", { name: "Tiếng Việt" })
      .click();
    expect(new URL(page.url()).pathname).toBe(`/vi/${pageTemplates.guide!.path}`);
    expect(await page.getAttribute("html", "lang")).toBe("vi");
    await page.getByRole("link", { name: "ខ្មែរ" }).click();
    expect(new URL(page.url()).pathname).toBe(`/km/${pageTemplates.guide!.path}`);
    expect(await page.getAttribute("html", "lang")).toBe("km");
    await tracked.context.close();
  });

  it("names each language in itself and marks the current one", async () => {
    const html = await (await fetch(new URL("/hmn/", baseUrl))).text();
    for (const name of ["Tiếng Việt", "English", "ខ្មែរ"]) expect(html).toContain(name);
    expect(html).toMatch(/<a href="\/hmn\/" lang="hmn" hreflang="hmn" aria-current="true">/);
  });
});

describe("fallback content", () => {
  it("a page missing in a language shows the notice in that language and marks the content lang=vi", async () => {
    const tracked = await newContext({ javaScriptEnabled: false });
    const page = await tracked.newPage();
    await page.goto("/km/about/");
    expect(await page.getAttribute("html", "lang")).toBe("km");
    expect(await page.locator("[data-translation-state=missing]").count()).toBe(1);
    expect(await page.locator("article").getAttribute("lang")).toBe("vi");
    await tracked.context.close();
  });
});

describe("localized 404", () => {
  it.each([
    ["en", "Page not found"],
    ["vi", "Không tìm thấy trang"],
  ])("%s", async (lang, title) => {
    const res = await fetch(new URL(`/${lang}/no-such-page/`, baseUrl), {
      headers: { "Sec-Fetch-Mode": "navigate" },
    });
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain(`<html lang="${lang}"`);
    expect(html).toContain(title);
  });
});

describe("sitemap", () => {
  it("lists pages with their hreflang alternates", async () => {
    const xml = await (await fetch(new URL("/sitemap.xml", baseUrl))).text();
    expect(xml).toContain("<loc>");
    expect(xml).toMatch(/<xhtml:link rel="alternate" hreflang="en" href="[^"]+\/en\/about\/"\/>/);
  });
});
