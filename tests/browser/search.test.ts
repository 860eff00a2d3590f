/**
 * Search against the real built index, in Chromium: a set of queries, each with the page that
 * must be in the top 3 (with and without tone marks, d for đ, pre-2025 commune and district
 * names, English terms, short queries); the bytes of a first search; fallback pages kept out of
 * other languages' results; and the browse page without JavaScript.
 */
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium, trackedContext, type TrackedContext } from "../../scripts/lib/chromium.ts";
import { searchFor, searchGroups } from "../support/search.ts";

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
const queries: [lang: string, query: string, expected: string][] = [
  // Vietnamese, with and without tone marks, d for đ
  ["vi", "đăng ký", "/vi/guides/how-to-register/"],
  ["vi", "dang ky", "/vi/guides/how-to-register/"],
  ["vi", "đăng ký cai nghiện", "/vi/guides/how-to-register/"],
  ["vi", "dang ky cai nghien tu nguyen", "/vi/guides/how-to-register/"],
  ["vi", "cai nghiện tự nguyện tại gia đình", "/vi/guides/home-and-community-treatment/"],
  ["vi", "methadone", "/vi/guides/substitution-treatment/"],
  ["vi", "điều trị thay thế", "/vi/guides/substitution-treatment/"],
  ["vi", "dieu tri thay the", "/vi/guides/substitution-treatment/"],
  ["vi", "bắt buộc", "/vi/guides/compulsory-treatment/"],
  ["vi", "bat buoc", "/vi/guides/compulsory-treatment/"],
  ["vi", "chi phí", "/vi/guides/costs-and-support/"],
  ["vi", "chi phi ho tro", "/vi/guides/costs-and-support/"],
  ["vi", "sau cai nghien", "/vi/guides/after-treatment/"],
  ["vi", "gia đình", "/vi/guides/for-families/"],
  ["vi", "gia dinh", "/vi/guides/for-families/"],
  ["vi", "cấp cứu", "/vi/guides/emergencies/"],
  ["vi", "cap cuu", "/vi/guides/emergencies/"],
  ["vi", "quá liều", "/vi/guides/emergencies/"],
  ["vi", "qua lieu", "/vi/guides/emergencies/"],
  ["vi", "duoi 18 tuoi", "/vi/guides/under-18s/"],
  ["vi", "xác định tình trạng nghiện", "/vi/guides/determination-of-addiction/"],
  ["vi", "xac dinh tinh trang nghien", "/vi/guides/determination-of-addiction/"],
  ["vi", "quyền riêng tư", "/vi/privacy/"],
  ["vi", "luat moi 2025", "/vi/guides/what-changed-2025-2026/"],
  // Communes and provinces, today's names and pre-2025 names
  ["vi", "Tuần Giáo", tuanGiao],
  ["vi", "tuan giao", tuanGiao],
  ["vi", "Quài Cang", tuanGiao],
  ["vi", "quai cang", tuanGiao],
  ["vi", "thi tran Tuan Giao", tuanGiao],
  ["vi", "Quài Nưa", tuanGiao],
  ["vi", "Sơn Dương", "/vi/where-to-go/tuyen-quang/xa-son-duong-02536/"],
  ["vi", "son duong", "/vi/where-to-go/tuyen-quang/xa-son-duong-02536/"],
  ["vi", "Điện Biên", "/vi/where-to-go/dien-bien/"],
  ["vi", "dien bien", "/vi/where-to-go/dien-bien/"],
  ["vi", "đồng nai", "/vi/where-to-go/dong-nai/"],
  ["vi", "dong nai", "/vi/where-to-go/dong-nai/"],
  ["vi", "huyen Xuan Loc", "/vi/where-to-go/dong-nai/xa-xuan-loc-26425/"],
  // Lessons
  ["vi", "từ chối", "/vi/lessons/primary-saying-no/"],
  ["vi", "tu choi", "/vi/lessons/primary-saying-no/"],
  ["vi", "mang xa hoi", "/vi/lessons/lower-media/"],
  ["vi", "cang thang", "/vi/lessons/upper-coping/"],
  // English terms on English pages
  ["en", "register", "/en/guides/how-to-register/"],
  ["en", "methadone", "/en/guides/substitution-treatment/"],
  ["en", "overdose", "/en/guides/emergencies/"],
  ["en", "compulsory treatment", "/en/guides/compulsory-treatment/"],
  ["en", "families", "/en/guides/for-families/"],
  ["en", "refusal", "/en/lessons/primary-saying-no/"],
  ["en", "Tuan Giao", "/en/where-to-go/dien-bien/xa-tuan-giao-03253/"],
  ["en", "Dien Bien", "/en/where-to-go/dien-bien/"],
  // Short queries
  ["vi", "tuan", tuanGiao],
  ["vi", "quai cang", tuanGiao],
  ["vi", "luat", "/vi/lessons/upper-law/"],
];

describe(`${queries.length} queries, each with the page that must be in the top 3 of its group`, () => {
  let lang = "";
  it.each(queries)("%s: %j → %s", async (queryLang, query, expected) => {
    if (queryLang !== lang) {
      await page.goto(`/${queryLang}/search/`);
      lang = queryLang;
    }
    const { pages, places } = await searchGroups(page, query);
    const group = /-\d{5}\/$/.test(expected) ? places : pages;
    expect(group.slice(0, 3)).toContain(expected);
  });

  it("asked nothing of any other origin", () => {
    expect(tracked.foreignRequests).toEqual([]);
  });
});

describe("the first search", () => {
  it("transfers ≤ 100 KB from the first keystroke to the first results, island included; nothing of search loads before", async () => {
    // The first results are the guides, lessons, provinces and listings; the commune bundle follows (reported apart).
    const ctx = await trackedContext(browser, baseUrl);
    const fresh = await ctx.newPage();
    const before: string[] = [];
    const after: { url: string; bytes: number }[] = [];
    let typing = false;
    fresh.on("response", async (res) => {
      const body = await res.body().catch(() => Buffer.alloc(0));
      const url = res.url();
      // .pagefind and .pf_* files are already compressed; scripts and JSON travel gzipped.
      const bytes = /\.(pagefind|pf_\w+)$/.test(url) ? body.length : gzipSync(body).length;
      if (typing) after.push({ url, bytes });
      else before.push(url);
    });
    await fresh.goto("/vi/search/", { waitUntil: "networkidle" });
    expect(before.filter((u) => /pagefind|SearchBox|preact|client\./.test(u))).toEqual([]);
    typing = true;
    const input = fresh.locator("#search-input");
    await input.click();
    await input.fill("dang ky");
    await fresh.locator(".search-results li").first().waitFor();
    await fresh
      .locator('[data-search-status][data-query="dang ky"]')
      .waitFor({ state: "attached" });
    await fresh.waitForLoadState("networkidle");
    // The commune bundle is merged only after the first results are on screen, so none of its files
    // count for them; every other file is counted, even those fetched after (an upper bound).
    const firstResults = after.filter((r) => !r.url.includes("/pagefind-places/"));
    const kb = (list: { bytes: number }[]) =>
      (list.reduce((s, r) => s + r.bytes, 0) / 1024).toFixed(1);
    const first = firstResults.reduce((s, r) => s + r.bytes, 0);
    console.log(
      `first search ("dang ky", vi): ${kb(firstResults)} KB to the first results (${firstResults.length} responses: ` +
        firstResults
          .map(
            (r) =>
              `${r.url.replace(baseUrl, "").replace(/^\/(pagefind|_astro)\//, "")} ${(r.bytes / 1024).toFixed(1)}`,
          )
          .join(", ") +
        `); ${kb(after)} KB with the communes merged in`,
    );
    expect(first).toBeLessThanOrEqual(100 * 1024);
    await ctx.context.close();
  });
});

describe("fallback pages are not results in another language", () => {
  it("H'Mông search finds only H'Mông pages (no Vietnamese fallback copies); communes are offered in Vietnamese", async () => {
    const ctx = await trackedContext(browser, baseUrl);
    const p = await ctx.newPage();
    await p.goto("/hmn/search/");
    const { pages, places } = await searchGroups(p, "115");
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.every((u) => u.startsWith("/hmn/"))).toBe(true);
    expect(pages).toContain("/hmn/essentials/"); // its own translation
    expect(pages.some((u) => u.startsWith("/hmn/guides/"))).toBe(false); // guides are Vietnamese fallbacks in hmn
    expect(places.every((u) => u.startsWith("/vi/where-to-go/"))).toBe(true); // commune pages exist in vi and en only
    await ctx.context.close();
  });

  it("English results are all English pages", async () => {
    const results = await (async () => {
      await page.goto("/en/search/");
      return searchFor(page, "treatment");
    })();
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((u) => u.startsWith("/en/"))).toBe(true);
  });
});

describe("filters and keyboard", () => {
  it("filters by type with counts, and by province", async () => {
    await page.goto("/vi/search/");
    await searchFor(page, "son duong");
    const typeOptions = await page.locator("#search-type option").allTextContents();
    expect(typeOptions.some((o) => /^Xã, phường \(\d+\)$/.test(o))).toBe(true);
    expect(typeOptions.some((o) => /^Nơi điều trị \(\d+\)$/.test(o))).toBe(true);
    await page.locator("#search-type").selectOption("provider");
    await page.waitForFunction(() => {
      const items = [...document.querySelectorAll(".search-results li")];
      return (
        items.length > 0 && items.every((li) => li.getAttribute("data-result-type") === "provider")
      );
    });
    await page.locator("#search-province").selectOption("Tuyên Quang");
    await page.waitForFunction(() =>
      [...document.querySelectorAll(".search-results li")].every((li) =>
        li.textContent!.includes("Tuyên Quang"),
      ),
    );
    expect(await page.locator(".search-results li").count()).toBeGreaterThan(0);
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
  it("the search entry is a browse page: no dead form, topics, provinces and lessons", async () => {
    const ctx = await trackedContext(browser, baseUrl, { javaScriptEnabled: false });
    const p = await ctx.newPage();
    await p.goto("/vi/");
    await p.getByRole("link", { name: "Tìm kiếm" }).click();
    expect(new URL(p.url()).pathname).toBe("/vi/search/");
    expect(await p.locator("#search-input").isVisible()).toBe(false);
    expect(await p.locator("form:visible").count()).toBe(0);
    for (const name of ["Đăng ký", "Điện Biên", "Tuyên Quang"])
      expect(await p.getByRole("link", { name }).count()).toBeGreaterThan(0);
    expect(await p.locator('a[href^="/vi/lessons/"]').count()).toBeGreaterThan(3);
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
