/**
 * axe (WCAG 2.2 A and AA) on the training pages that only exist after an action, in vi and en:
 * those the Worker renders from a form sent without JavaScript (the pre-test score, the
 * feedback page passed and not passed, the certificate, its errors, the verification results),
 * and those the islands render with JavaScript (quiz feedback with the certificate request, the
 * verification result).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium, trackedContext } from "../../scripts/lib/chromium.ts";
import { answerKey, moduleFiles } from "../support/training.ts";
import { axeViolations } from "./support.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const m = moduleFiles("vi").find((x) => x.slug === "police-24-hours")!;
const key = answerKey(m.data);
const wrong = key.map((k, i) => (k + 1) % m.data.quiz[i]!.options.length);

async function answer(page: Page, phase: "pre" | "post", answers: number[]) {
  for (const [i, a] of answers.entries()) await page.locator(`#${phase}-q${i}-${a}`).check();
}

async function check(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

/**
 * Sends a form straight to the Worker, as a browser without JavaScript does (axe itself needs
 * JavaScript in the page, so the page cannot simply have it switched off).
 */
async function post(page: Page, action: string, fields: Record<string, string>) {
  const navigated = page.waitForEvent("framenavigated", (frame) => frame === page.mainFrame());
  await page.evaluate(
    ({ action, fields }) => {
      const form = document.createElement("form");
      form.method = "post";
      form.action = action;
      for (const [k, v] of Object.entries(fields)) {
        const input = document.createElement("input");
        input.type = "hidden";
        input.name = k;
        input.value = v;
        form.append(input);
      }
      document.body.append(form);
      form.submit();
    },
    { action, fields },
  );
  await navigated;
  await page.waitForLoadState("load");
}

const fieldsOf = (answers: number[]) =>
  Object.fromEntries(answers.map((a, i) => [`q${i}`, String(a)]));

describe.each(["vi", "en"])("without JavaScript (%s): pages the Worker renders", (lang) => {
  const base = `/${lang}/training/${m.slug}/`;
  async function start() {
    const tracked = await trackedContext(browser, baseUrl);
    const page = await tracked.newPage();
    await page.goto(base);
    return { tracked, page };
  }

  it("the module with the pre-test score", async () => {
    const { tracked, page } = await start();
    await post(page, `${base}check/`, { phase: "pre", ...fieldsOf(key.slice(0, 3)) });
    expect(await page.locator("#pre-result").isVisible()).toBe(true);
    await check(page);
    await tracked.context.close();
  });

  it("the feedback page, passed; the certificate; its check", async () => {
    const { tracked, page } = await start();
    await post(page, `${base}check/`, { phase: "post", pre: "3", ...fieldsOf(key) });
    expect(await page.locator("#certificate-request").isVisible()).toBe(true);
    await check(page);
    await post(page, `${base}certificate/`, { name: "Giàng Thị Mỷ", ...fieldsOf(key) });
    expect(await page.locator("[data-certificate-code]").isVisible()).toBe(true);
    await check(page);
    const code = (await page.locator("[data-certificate-code]").textContent())!;
    await post(page, `/${lang}/training/verify/`, { certificate: code });
    expect(await page.locator("[data-verify-status=valid]").count()).toBe(1);
    await check(page);
    await tracked.context.close();
  });

  it("the feedback page, not passed; a certificate refused", async () => {
    const { tracked, page } = await start();
    await post(page, `${base}check/`, { phase: "post", ...fieldsOf(wrong) });
    await check(page);
    await post(page, `${base}certificate/`, { name: "Giàng Thị Mỷ", ...fieldsOf(wrong) });
    await check(page);
    await tracked.context.close();
  });

  it("the certificate request with a missing name", async () => {
    const { tracked, page } = await start();
    await post(page, `${base}certificate/`, { name: "", ...fieldsOf(key) });
    expect(await page.locator("[data-error-summary]").isVisible()).toBe(true);
    await check(page);
    await tracked.context.close();
  });

  it("the verification of a changed certificate, and of nothing", async () => {
    const { tracked, page } = await start();
    await post(page, `/${lang}/training/verify/`, { certificate: "LV1.e30.AAAA" });
    expect(await page.locator("[data-verify-status]").count()).toBe(1);
    await check(page);
    await post(page, `/${lang}/training/verify/`, { certificate: "" });
    expect(await page.locator("[data-error-summary]").isVisible()).toBe(true);
    await check(page);
    await tracked.context.close();
  });
});

describe.each(["vi", "en"])("with JavaScript (%s): what the islands render", (lang) => {
  it("quiz feedback with explanations and the certificate request; the pre-test score", async () => {
    const tracked = await trackedContext(browser, baseUrl);
    const page = await tracked.newPage();
    await page.goto(`/${lang}/training/${m.slug}/`);
    for (const phase of ["pre", "post"] as const) {
      const form = page.locator(`form[data-quiz-phase=${phase}]`);
      await form.scrollIntoViewIfNeeded();
      await page.locator(`astro-island:not([ssr]) form[data-quiz-phase=${phase}]`).waitFor();
      await answer(page, phase, phase === "pre" ? wrong : key);
      await form.locator("button[type=submit]").click();
    }
    await page.locator("[data-certificate-request]").waitFor();
    await check(page);
    await tracked.context.close();
  });

  it("the verification result", async () => {
    const tracked = await trackedContext(browser, baseUrl);
    const page = await tracked.newPage();
    await page.goto(`/${lang}/training/verify/`);
    await page.locator("astro-island:not([ssr])").first().waitFor({ state: "attached" });
    await page.locator("textarea[name=certificate]").fill("LV1.e30.AAAA");
    await page.locator("#verify-form button").click();
    await page.locator("[data-verify-status]:visible").waitFor();
    await check(page);
    await tracked.context.close();
  });
});
