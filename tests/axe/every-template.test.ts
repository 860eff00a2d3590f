import AxeBuilder from "@axe-core/playwright";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchChromium, trackedContext } from "../support/chromium.ts";
import { pageTemplates } from "../support/page-templates.ts";
import { langCodes } from "../../site/src/i18n/languages.ts";

const baseUrl = inject("baseUrl");
const wcag22aa = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];
let browser: Browser;
beforeAll(async () => { browser = await launchChromium(); });
afterAll(async () => { await browser?.close(); });

describe.each(Object.entries(pageTemplates))("axe (WCAG 2.2 A and AA): %s", (_name, path) => {
  it.each(langCodes)("%s", async (lang) => {
    const tracked = await trackedContext(browser, baseUrl);
    const page = await tracked.newPage();
    await page.goto(`/${lang}/${path}`, { waitUntil: "networkidle" });
    const results = await new AxeBuilder({ page }).withTags(wcag22aa).analyze();
    await tracked.context.close();
    const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(" ")})`);
    expect(summary).toEqual([]);
  });
});
