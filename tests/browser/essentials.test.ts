/**
 * The essentials page in H'Mông, Thái and Khmer (issues 12 and 17): a draft translation that says
 * so on screen and on paper, states the rules in force (no repealed rule), and shows its legal
 * basis as the Vietnamese statements marked lang="vi" (never English).
 */
import { describe, expect, it } from "vitest";
import { chromiumPerFile } from "../support/browser.ts";
import { repealedRulePatterns } from "../../site/src/core/content/checks.ts";

const { baseUrl, newContext } = chromiumPerFile();

describe.each(["hmn", "blt", "km"])("essentials in %s", (lang) => {
  it("prints its draft label on the first page", async () => {
    const ctx = await newContext();
    const page = await ctx.newPage();
    await page.goto(`/${lang}/essentials/`, { waitUntil: "networkidle" });
    expect(await page.locator("[data-translation-state=draft]").count()).toBe(1);
    await page.emulateMedia({ media: "print" });
    const label = page.locator("[data-translation-state=draft] .tag--draft");
    expect(await label.isVisible()).toBe(true);
    expect((await label.innerText()).trim().length).toBeGreaterThan(0);
    // A4 at 96 dpi is 1123 px tall; the label must sit on the first sheet, above the content.
    const box = await label.boundingBox();
    const h1 = await page.locator("article h1").boundingBox();
    expect(box && h1 && box.y < h1.y && box.y < 1123).toBe(true);
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.length).toBeGreaterThan(0);
    await ctx.context.close();
    expect(ctx.foreignRequests).toEqual([]);
  });

  it("states the rules in force, with the Vietnamese legal basis marked lang=vi", async () => {
    const res = await fetch(new URL(`/${lang}/essentials/`, baseUrl));
    const html = await res.text();
    expect(html).toMatch(new RegExp(`<html lang="${lang}"`));
    const article = html.slice(html.indexOf("<article"), html.indexOf("</article>"));
    const text = article.replace(/<[^>]+>/g, " ");
    for (const pattern of repealedRulePatterns) expect(text).not.toMatch(pattern);
    expect(text).toContain("24");
    expect(text).toContain("36");
    expect(text).toContain("115");
    const basis = html.slice(html.indexOf('id="legal-basis"'));
    expect(basis).toMatch(/<li><span lang="vi">[^<]*Công an cấp xã/);
    expect(basis).not.toMatch(/commune police/i);
  });
});
