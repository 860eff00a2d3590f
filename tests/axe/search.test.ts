/**
 * axe (WCAG 2.2 A and AA) on the search page with results, in every language: places and pages
 * both shown, filters, a corrected word, and the keep-for-offline-reading control; and on the
 * commune finder with results.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchChromium, trackedContext } from "../../scripts/lib/chromium.ts";
import { axeViolations } from "./support.ts";
import { searchGroups } from "../../scripts/lib/search.ts";
import { langCodes } from "../../site/src/core/i18n/languages.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Queries whose results show both groups, or one group then the other (H'Mông, Thái and Khmer
 * pages are few: their places and pages come from different queries), and one letter wrong.
 */
const queries: Record<string, { both?: string; places?: string; pages?: string; typo: string }> = {
  vi: { both: "dien bien", typo: "qua leu" },
  en: { both: "Dien Bien", typo: "overdoze" },
  hmn: { places: "dien bien", pages: "115", typo: "quai cnag" },
  blt: { places: "dien bien", pages: "115", typo: "quai cnag" },
  km: { places: "dien bien", pages: "115", typo: "quai cnag" },
};

describe.each(langCodes)("search with results (%s)", (lang) => {
  it("places and pages, filters, a corrected word: no violations", async () => {
    const tracked = await trackedContext(browser, baseUrl);
    const page = await tracked.newPage();
    await page.goto(`/${lang}/search/`);
    const q = queries[lang]!;
    for (const [want, query] of Object.entries(q)) {
      const groups = await searchGroups(page, query);
      if (want === "both" || want === "places")
        expect(groups.places.length, query).toBeGreaterThan(0);
      if (want === "both" || want === "pages")
        expect(groups.pages.length, query).toBeGreaterThan(0);
      if (want === "both") expect(await page.locator("#search-type").count()).toBe(1);
      if (want === "typo") expect(await page.locator("[data-search-corrected]").count()).toBe(1);
      expect(await axeViolations(page), `${lang}: "${query}"`).toEqual([]);
    }
    await tracked.context.close();
  });
});

describe.each(["vi", "en"])("commune finder with results (%s)", (lang) => {
  it("no violations", async () => {
    const tracked = await trackedContext(browser, baseUrl);
    const page = await tracked.newPage();
    await page.goto(`/${lang}/where-to-go/`);
    const { places } = await searchGroups(page, "quai nua");
    expect(places.length).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await tracked.context.close();
  });
});
