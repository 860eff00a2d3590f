/** axe (WCAG 2.2 A and AA) on every page template, in every language it exists in. */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchChromium, trackedContext } from "../../scripts/lib/chromium.ts";
import { pageTemplates, templateLangs } from "../support/page-templates.ts";
import { axeViolations } from "./support.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(Object.entries(pageTemplates))("axe: %s", (_name, template) => {
  it.each(templateLangs(template))("%s", async (lang) => {
    const tracked = await trackedContext(browser, baseUrl);
    const page = await tracked.newPage();
    await page.goto(`/${lang}/${template.path}`, { waitUntil: "networkidle" });
    const violations = await axeViolations(page);
    await tracked.context.close();
    expect(violations).toEqual([]);
  });
});
