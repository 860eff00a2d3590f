/** axe (WCAG 2.2 A and AA) on every page template, in every language it exists in. */
import { describe, expect, it } from "vitest";
import { chromiumPerFile } from "../support/browser.ts";
import { pageTemplates, templateLangs } from "../support/page-templates.ts";
import { axeViolations } from "./support.ts";

const { newContext } = chromiumPerFile();

describe.each(Object.entries(pageTemplates))("axe: %s", (_name, template) => {
  it.each(templateLangs(template))("%s", async (lang) => {
    const tracked = await newContext();
    const page = await tracked.newPage();
    await page.goto(`/${lang}/${template.path}`, { waitUntil: "networkidle" });
    const violations = await axeViolations(page);
    await tracked.context.close();
    expect(violations).toEqual([]);
  });
});
