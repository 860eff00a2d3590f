/**
 * axe on the pages the Worker renders, in every language: a step with errors and a step filled
 * from the sealed draft, the notice before sending, check your answers, the printed forms, the
 * receipt, the status result; a step's errors shown by the island; and the search results.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { chromiumPerFile } from "../support/browser.ts";
import { axeViolations } from "./support.ts";
import { searchFor } from "../../scripts/lib/search.ts";
import { langCodes } from "../../site/src/core/i18n/languages.ts";
import { controlsOf, formVersion, steps } from "../../site/src/core/schemas/registration/fields.ts";
import { journeySteps } from "../../site/src/core/domain/registration/journey.ts";
import { childAnswers } from "../fixtures/registrants.ts";

const { baseUrl, newContext } = chromiumPerFile();

/** Submits a real form from the page (as a browser does), and waits for the answer. */
async function submit(page: Page, action: string, fields: Record<string, string | string[]>) {
  const navigated = page.waitForEvent("framenavigated", (frame) => frame === page.mainFrame());
  await page.evaluate(
    ({ action, fields }) => {
      const form = document.createElement("form");
      form.method = "post";
      form.action = action;
      for (const [k, v] of Object.entries(fields))
        for (const x of Array.isArray(v) ? v : [v]) {
          const input = document.createElement("input");
          input.type = "hidden";
          input.name = k;
          input.value = x;
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

/** Posts one step as the page's form would (the context keeps the sealed draft cookies). */
async function post(page: Page, path: string, fields: Record<string, string | string[]>) {
  const form = new URLSearchParams({ formVersion });
  for (const [k, v] of Object.entries(fields))
    for (const x of Array.isArray(v) ? v : [v]) form.append(k, x);
  const res = await page.request.post(new URL(path, baseUrl).href, {
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: new URL(baseUrl).origin,
    },
    data: form.toString(),
    maxRedirects: 0,
  });
  expect(res.status()).toBe(303);
  return res.headers()["location"]!;
}

const stepFields = (answers: Record<string, string | string[]>, stepId: string) => {
  const names = new Set(steps.find((s) => s.id === stepId)!.fields.flatMap(controlsOf));
  return Object.fromEntries(Object.entries(answers).filter(([k]) => names.has(k)));
};

describe.each(langCodes)("axe on Worker-rendered pages: %s", (lang) => {
  it("a step with errors, the writer's step, check answers, print, receipt, status result", async () => {
    const tracked = await newContext();
    const page = await tracked.newPage();
    await page.goto(`/${lang}/register/who/`);
    // A parent registering a 15-year-old: the longest path, every conditional part shown.
    const answers = childAnswers(new Date(), {
      fatherName: "",
      criminalRecord: "yes",
      criminalRecordDetail: "Năm 2024",
      idIssuePlace: "Bộ Công an",
    });
    const path = journeySteps(answers).map((s) => s.id);
    for (const step of path.slice(0, path.indexOf("person")))
      await post(page, `/${lang}/register/${step}/`, stepFields(answers, step));
    // A mistake on the person step: the page shows it, from the draft (post/redirect/get).
    const back = await post(page, `/${lang}/register/person/`, {
      ...stepFields(answers, "person"),
      "dateOfBirth-day": "31",
      "dateOfBirth-month": "2",
    });
    await page.goto(back);
    await page.locator("html[data-registration-ready]").waitFor({ state: "attached" });
    expect(await page.locator("[data-error-summary]").isVisible()).toBe(true);
    expect(await axeViolations(page), "step with errors").toEqual([]);

    for (const step of path.slice(path.indexOf("person"), path.indexOf("family")))
      await post(page, `/${lang}/register/${step}/`, stepFields(answers, step));
    await page.goto(`/${lang}/register/family/`);
    await page.locator("html[data-registration-ready]").waitFor({ state: "attached" });
    expect(await axeViolations(page), "family step, filled from the draft").toEqual([]);
    for (const step of path.slice(path.indexOf("family")))
      await post(page, `/${lang}/register/${step}/`, stepFields(answers, step));
    await page.goto(`/${lang}/register/consent/`);
    expect(await axeViolations(page), "consent step with the notice before sending").toEqual([]);

    await page.goto(`/${lang}/register/check/`);
    await page.locator("html[data-registration-ready]").waitFor({ state: "attached" });
    expect(await page.locator("[data-send]").count()).toBe(1);
    expect(await axeViolations(page), "check answers").toEqual([]);

    await page.goto(`/${lang}/register/print/`);
    expect(await page.locator(".official-form").count()).toBe(2);
    expect(await axeViolations(page), "Mẫu 20 and Mẫu 33").toEqual([]);

    await page.goto(`/${lang}/register/check/`);
    await page.locator("html[data-registration-ready]").waitFor({ state: "attached" });
    await Promise.all([
      page.waitForURL(/\/register\/receipt\//),
      page.locator("[data-send]").click(),
    ]);
    const reference = (await page.locator("[data-reference]").textContent())!;
    const statusCode = (await page.locator("[data-status-code]").textContent())!;
    expect(await axeViolations(page), "receipt").toEqual([]);

    await page.goto(`/${lang}/register/status/`);
    await submit(page, `/${lang}/register/status/`, {
      lang,
      reference,
      statusCode,
    });
    expect(await page.locator("[data-status]").isVisible()).toBe(true);
    expect(await axeViolations(page), "status result").toEqual([]);
    await tracked.context.close();
  });

  it("with JavaScript: a step's errors, tied to their fields", async () => {
    const tracked = await newContext();
    const page = await tracked.newPage();
    await page.goto(`/${lang}/register/person/`);
    await page.locator("html[data-registration-ready]").waitFor({ state: "attached" });
    await page.locator("[data-continue]").click();
    await page.locator("[data-error-summary]:not([hidden])").waitFor();
    expect(await page.locator("#fullName").getAttribute("aria-describedby")).toContain(
      "error-fullName",
    );
    expect(await axeViolations(page)).toEqual([]);
    await tracked.context.close();
  });

  it("search results", async () => {
    const tracked = await newContext();
    const page = await tracked.newPage();
    await page.goto(`/${lang}/search/`);
    await searchFor(page, "115");
    expect(await axeViolations(page)).toEqual([]);
    await tracked.context.close();
  });
});
