/**
 * Search against the real built site, in Chromium, as a reader types:
 * - the search test set (tests/data/search-queries.yaml): each expected page among the first
 *   three results shown on screen;
 * - the bytes of a first search, for a place query and a topic query, and no precache meanwhile;
 * - the place shard fetched only when the query can be a place;
 * - fallback pages kept out of other languages' results; filters and keyboard;
 * - the browse page without JavaScript, a commune two taps from the province list.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium, trackedContext, type TrackedContext } from "../../scripts/lib/chromium.ts";
import { measureFirstSearch, searchFor, searchGroups } from "../../scripts/lib/search.ts";
import { loadSearchQueries } from "../support/search-queries.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;
let tracked: TrackedContext;
let page: Page;
beforeAll(async () => {
  browser = await launchChromium();
  tracked = await trackedContext(browser, baseUrl);
  page = await tracked.newPage();
});
afterAll(async () => {
  await browser?.close();
});

const tuanGiao = "/vi/where-to-go/dien-bien/xa-tuan-giao-03253/";
const queries = loadSearchQueries();
const outcomes: { query: string; ok: boolean; shown: string[] }[] = [];

describe(`the search test set: ${queries.length} queries, each with its page among the first three results shown`, () => {
  let lang = "";
  it.each(queries.map((q) => [q.lang, q.query, q.expect, q.kind] as const))(
    "%s: %j → %s (%s)",
    async (queryLang, query, expected) => {
      if (queryLang !== lang) {
        await page.goto(`/${queryLang}/search/`);
        lang = queryLang;
      }
      const shown = (await searchFor(page, query)).slice(0, 3);
      outcomes.push({ query, ok: shown.includes(expected), shown });
      expect(shown).toContain(expected);
    },
  );

  it("asked nothing of any other origin", () => {
    const passed = outcomes.filter((o) => o.ok).length;
    console.log(`search test set: ${passed} of ${outcomes.length} in the first three shown`);
    expect(tracked.foreignRequests).toEqual([]);
  });
});

describe("place intent", () => {
  it("a place named first, the other results below it, both groups visible", async () => {
    await page.goto("/vi/search/");
    const { shown, places, pages } = await searchGroups(page, "xa tuan giao");
    expect(shown[0]).toBe(tuanGiao);
    expect(pages.length).toBeGreaterThan(0);
    const groups = await page
      .locator("#search-results [data-group]")
      .evaluateAll((ols) => ols.map((o) => o.getAttribute("data-group")));
    expect(groups).toEqual(["places", "pages"]);
    expect(places[0]).toBe(tuanGiao);
    for (const heading of ["Tỉnh, xã, phường", "Hướng dẫn, bài học và trang khác"])
      expect(await page.getByRole("heading", { name: heading }).isVisible()).toBe(true);
  });

  it("a topic first when no place is named, places below", async () => {
    await page.goto("/vi/search/");
    const { shown } = await searchGroups(page, "dang ky");
    expect(shown[0]).toBe("/vi/guides/how-to-register/");
  });

  it("typed with tone marks, the exact spelling first: 'giáo' pages before the commune Giao", async () => {
    await page.goto("/vi/search/");
    const shown = await searchFor(page, "giáo viên");
    expect(shown[0]).toBe("/vi/teachers-guide/");
  });

  it("a pre-2025 name says which unit it was", async () => {
    await page.goto("/vi/search/");
    await searchFor(page, "quai cang");
    const first = page.locator("#search-results li").first();
    expect(await first.textContent()).toContain("Trước đây: Xã Quài Cang, huyện Tuần Giáo");
  });

  it("a word with one letter wrong is corrected, and the reader is told", async () => {
    await page.goto("/vi/search/");
    const shown = await searchFor(page, "xa tuam giao");
    expect(shown[0]).toBe(tuanGiao);
    expect(await page.locator("[data-search-corrected]").textContent()).toContain("xa tuan giao");
  });
});

describe("the first search", () => {
  for (const [kind, query, expected] of [
    ["topic", "dang ky", "/vi/guides/how-to-register/"],
    ["place", "xa tuan giao", tuanGiao],
  ] as const) {
    it(`${kind} query "${query}": ≤ 100 KB from the first keystroke to the complete results, island included; no precache meanwhile`, async () => {
      const ctx = await trackedContext(browser, baseUrl);
      const m = await measureFirstSearch(ctx.context, "/vi/search/", query);
      const kb = (b: number) => (b / 1024).toFixed(1);
      console.log(
        `first search (${kind}, "${query}"): ${kb(m.bytesToFirstResults)} KB to the first results, ` +
          `${kb(m.bytesToComplete)} KB to the complete results: ` +
          m.files
            .map((f) => `${f.path.replace(/^\/(pagefind|_astro)\//, "")} ${kb(f.bytes)}`)
            .join(", "),
      );
      expect(m.bytesToFirstResults).toBeLessThanOrEqual(m.bytesToComplete);
      expect(m.bytesToComplete).toBeLessThanOrEqual(100 * 1024);
      expect(m.precacheDuringSearch).toEqual([]);
      expect(m.placeShards).toBe(1); // "dang ky" can be a place name, so its shard is looked at
      const again = await ctx.newPage();
      await again.goto("/vi/search/", { waitUntil: "networkidle" });
      expect((await searchFor(again, query)).slice(0, 3)).toContain(expected);
      await ctx.context.close();
    });
  }

  it("nothing of search loads with the page; a query that cannot be a place fetches no place shard", async () => {
    const ctx = await trackedContext(browser, baseUrl);
    const loaded: string[] = [];
    ctx.context.on("request", (r) => loaded.push(new URL(r.url()).pathname));
    const p = await ctx.newPage();
    await p.goto("/en/search/", { waitUntil: "networkidle" });
    expect(loaded.filter((u) => /pagefind|search-data|SearchBox|preact/.test(u))).toEqual([]);
    await searchFor(p, "methadone");
    expect(loaded.some((u) => u.startsWith("/pagefind/"))).toBe(true);
    expect(loaded.filter((u) => u.startsWith("/search-data/places/"))).toEqual([]);
    await ctx.context.close();
  });
});

describe("fallback pages are not results in another language", () => {
  it("H'Mông search finds only H'Mông pages (no Vietnamese fallback copies); communes are offered in Vietnamese", async () => {
    const ctx = await trackedContext(browser, baseUrl);
    const p = await ctx.newPage();
    await p.goto("/hmn/search/");
    const { pages } = await searchGroups(p, "115");
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.every((u) => u.startsWith("/hmn/"))).toBe(true);
    expect(pages).toContain("/hmn/essentials/"); // its own translation
    expect(pages.some((u) => u.startsWith("/hmn/guides/"))).toBe(false); // guides are Vietnamese fallbacks in hmn
    const { places } = await searchGroups(p, "tuan giao");
    expect(places[0]).toBe(tuanGiao); // commune pages exist in vi and en only
    expect(await p.locator(`#search-results a[href="${tuanGiao}"]`).getAttribute("hreflang")).toBe(
      "vi",
    );
    await ctx.context.close();
  });

  it("English results are all English pages", async () => {
    await page.goto("/en/search/");
    const results = await searchFor(page, "treatment");
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((u) => u.startsWith("/en/"))).toBe(true);
  });
});

describe("filters and keyboard", () => {
  it("filters by province and by type, with counts", async () => {
    await page.goto("/vi/search/");
    await searchFor(page, "son duong");
    const typeOptions = await page.locator("#search-type option").allTextContents();
    expect(typeOptions.some((o) => /^Xã, phường \(\d+\)$/.test(o))).toBe(true);
    expect(typeOptions.some((o) => /^Nơi điều trị \(\d+\)$/.test(o))).toBe(true);
    const provinces = await page.locator("#search-province option").allTextContents();
    expect(provinces.filter((o) => /\(\d+\)$/.test(o)).length).toBeGreaterThan(1);
    await page.locator("#search-province").selectOption("Tuyên Quang");
    await page.waitForFunction(() =>
      [...document.querySelectorAll(".search-results li")].every((li) =>
        li.textContent!.includes("Tuyên Quang"),
      ),
    );
    await page.locator("#search-type").selectOption("provider");
    await page.waitForFunction(() => {
      const items = [...document.querySelectorAll(".search-results li")];
      return (
        items.length > 0 &&
        items.every(
          (li) =>
            li.getAttribute("data-result-type") === "provider" &&
            li.textContent!.includes("Tuyên Quang"),
        )
      );
    });
  });

  it("lessons filter by grade band", async () => {
    await page.goto("/en/search/");
    await searchFor(page, "friend");
    await page.locator("#search-type").selectOption("lesson");
    const bands = await page.locator("#search-band option").allTextContents();
    expect(bands.some((o) => /^Upper secondary \(grades 10-12\) \(\d+\)$/.test(o))).toBe(true);
    await page.locator("#search-band").selectOption("upper-secondary");
    await page.waitForFunction(() => {
      const links = [...document.querySelectorAll<HTMLAnchorElement>(".search-results li a")];
      return (
        links.length > 0 &&
        links.every((a) => /\/en\/lessons\/upper-/.test(a.getAttribute("href")!))
      );
    });
    // Leaving the lesson type drops the band: other pages have none.
    await page.locator("#search-type").selectOption("");
    await page.waitForFunction(
      () =>
        !document.querySelector("#search-band") &&
        document.querySelectorAll('.search-results li:not([data-result-type="lesson"])').length > 0,
    );
  });

  it("arrow keys move from the box through the results", async () => {
    await page.goto("/en/search/");
    await searchFor(page, "register");
    await page.locator("#search-input").focus();
    await page.keyboard.press("ArrowDown");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("href"))).toBe(
      "/en/guides/how-to-register/",
    );
    await page.keyboard.press("ArrowUp");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("search-input");
  });

  it("the commune finder finds a commune by its pre-2025 name", async () => {
    await page.goto("/vi/where-to-go/");
    const { places } = await searchGroups(page, "quai nua");
    expect(places[0]).toBe(tuanGiao);
    await page.locator(`a[href="${tuanGiao}"]`).first().click();
    await page.waitForURL(/xa-tuan-giao-03253/);
    expect(await page.locator("h1").textContent()).toContain("Xã Tuần Giáo");
  });
});

describe("without JavaScript", () => {
  it("the search entry is a browse page: no dead form, no typing hint, topics, provinces and lessons", async () => {
    const ctx = await trackedContext(browser, baseUrl, { javaScriptEnabled: false });
    const p = await ctx.newPage();
    await p.goto("/vi/");
    await p.getByRole("link", { name: "Tìm kiếm" }).click();
    expect(new URL(p.url()).pathname).toBe("/vi/search/");
    expect(await p.locator("#search-input").isVisible()).toBe(false);
    expect(await p.locator("form:visible").count()).toBe(0);
    const visibleText = await p.locator("main").innerText();
    expect(visibleText).not.toMatch(/không dấu|gõ/i);
    for (const name of ["Đăng ký", "Điện Biên", "Tuyên Quang"])
      expect(await p.getByRole("link", { name }).count()).toBeGreaterThan(0);
    expect(await p.locator('a[href^="/vi/lessons/"]').count()).toBeGreaterThan(3);
    for (const lang of ["en", "hmn", "blt", "km"]) {
      await p.goto(`/${lang}/search/`);
      expect(await p.locator("main").innerText()).not.toMatch(/tone marks|không dấu/i);
    }
    await ctx.context.close();
  });

  it("a commune is two taps from the search page's province list", async () => {
    const ctx = await trackedContext(browser, baseUrl, { javaScriptEnabled: false });
    const p = await ctx.newPage();
    await p.goto("/vi/search/");
    await p.locator("ul.province-list").getByRole("link", { name: "Điện Biên" }).click();
    await p.getByRole("link", { name: "Xã Tuần Giáo" }).click();
    expect(new URL(p.url()).pathname).toBe(tuanGiao);
    await ctx.context.close();
  });

  it("a pre-2025 name leads to its new commune through the province's A-Z", async () => {
    const ctx = await trackedContext(browser, baseUrl, { javaScriptEnabled: false });
    const p = await ctx.newPage();
    await p.goto("/vi/where-to-go/");
    await p.getByRole("link", { name: "Điện Biên" }).click();
    await p.getByRole("link", { name: "Danh sách tên cũ trước năm 2025 (A-Z)" }).click();
    await p.locator('tr[data-former="Xã Quài Cang"] a').click();
    expect(new URL(p.url()).pathname).toBe(tuanGiao);
    expect(await p.locator("main").textContent()).toContain(
      "Xã Quài Cang, huyện Tuần Giáo, tỉnh Điện Biên",
    );
    await ctx.context.close();
  });
});
