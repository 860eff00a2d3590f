/**
 * Lessons in Chromium: every worksheet and handout prints on one A4 page (printed to PDF and its
 * pages counted); the quiz scores on the device and sends nothing; without JavaScript the quiz
 * is a printable list and the answer key a page of its own.
 */
import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { chromiumPerFile } from "../support/browser.ts";

const { newContext } = chromiumPerFile();

const slugs = (dir: string) =>
  readdirSync(dir)
    .map((f) => f.replace(/\.mdx?$/, ""))
    .sort();
const lessons = slugs("site/content/lessons/vi");
const handouts = ["hmn", "blt", "km"].flatMap((lang) =>
  slugs(`site/content/handouts/${lang}`).map((slug) => [lang, slug] as const),
);

function pdfPages(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

describe("worksheets print on one A4 page", () => {
  it(`there are at least 9 lessons (${lessons.length})`, () => {
    expect(lessons.length).toBeGreaterThanOrEqual(9);
  });

  it.each(
    lessons.flatMap(
      (slug) =>
        [
          ["vi", slug],
          ["en", slug],
        ] as const,
    ),
  )("%s %s", async (lang, slug) => {
    const ctx = await newContext();
    const page = await ctx.newPage();
    await page.goto(`/${lang}/lessons/${slug}/worksheet/`, { waitUntil: "networkidle" });
    await page.emulateMedia({ media: "print" });
    const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
    await ctx.context.close();
    expect(pdfPages(pdf)).toBe(1);
  });

  it.each(handouts)("handout %s %s", async (lang, slug) => {
    const ctx = await newContext();
    const page = await ctx.newPage();
    await page.goto(`/${lang}/lessons/${slug}/handout/`, { waitUntil: "networkidle" });
    expect(await page.locator("[data-translation-state=draft]").count()).toBe(1); // a draft is never shown as reviewed
    const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
    await ctx.context.close();
    expect(pdfPages(pdf)).toBeLessThanOrEqual(2);
  });
});

describe("the quiz", () => {
  it("scores on the device, with feedback for each answer, and sends nothing", async () => {
    const ctx = await newContext();
    const page = await ctx.newPage();
    await page.goto("/en/lessons/primary-saying-no/quiz/");
    const requests: string[] = [];
    page.on("request", (r) => requests.push(`${r.method()} ${r.url()}`));
    await page.locator(".quiz-question").first().scrollIntoViewIfNeeded();
    await page.locator(".quiz-question").first().waitFor();
    const questions = await page.locator(".quiz-question").count();
    expect(questions).toBeGreaterThanOrEqual(4);
    // Answer the first question right (from the answer key) and the second wrong; leave the rest.
    const key = await (
      await ctx.context.newPage()
    )
      .goto("/en/lessons/primary-saying-no/answer-key/")
      .then(async (r) => await r!.text());
    const firstRight = /Answer: <strong>([A-E])\./.exec(key)![1]!.charCodeAt(0) - 65;
    await page.locator(`#q0-${firstRight}`).check();
    await page.locator(`#q1-${(firstRight + 1) % 2}`).check();
    const secondIsRight = await page.evaluate(
      () => document.querySelector<HTMLInputElement>("#q1-0")!.checked,
    );
    await page.getByRole("button", { name: "Check my answers" }).click();
    const score = await page.locator("[data-quiz-score]").textContent();
    expect(score).toMatch(/^You got [12] out of \d+ right\.$/);
    expect(await page.locator('[data-question="0"] [data-feedback="correct"]').count()).toBe(1);
    expect(await page.locator('[data-question="2"]').textContent()).toContain(
      "You did not answer this question.",
    );
    void secondIsRight;
    expect(requests.filter((r) => r.startsWith("POST") || /\/api\//.test(r))).toEqual([]);
    await page.getByRole("button", { name: "Try again" }).click();
    await page.locator("[data-quiz-score]").waitFor({ state: "detached" });
    expect(await page.locator("input:checked").count()).toBe(0);
    await ctx.context.close();
  });

  it("without JavaScript: the questions are a printable list, the answer key a page", async () => {
    const ctx = await newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto("/vi/lessons/primary-saying-no/quiz/");
    expect(await page.locator(".quiz--print > li").count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator("form, input, button").count()).toBe(0);
    await page.getByRole("link", { name: "Đáp án cho thầy cô" }).click();
    expect(await page.locator(".answer-key > li").count()).toBeGreaterThanOrEqual(4);
    await ctx.context.close();
  });
});

describe("lessons index", () => {
  it("lists the lessons by grade band, as plain HTML", async () => {
    const ctx = await newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto("/en/lessons/");
    for (const band of [
      "Primary (grades 4-5)",
      "Lower secondary (grades 6-9)",
      "Upper secondary (grades 10-12)",
    ]) {
      const section = page.locator("section", { has: page.getByRole("heading", { name: band }) });
      expect(await section.locator(".card-list > li").count()).toBeGreaterThanOrEqual(3);
    }
    await ctx.context.close();
  });
});
