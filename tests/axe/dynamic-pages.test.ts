/**
 * axe on the pages the Worker renders from a POST, in every language: a step with errors, check
 * your answers, the receipt, the status result, and the search results (with JavaScript).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium, trackedContext } from "../support/chromium.ts";
import { axeViolations } from "./support.ts";
import { searchFor } from "../support/search.ts";
import { langCodes } from "../../site/src/i18n/languages.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const answers = {
  registrant: "child",
  provinceCode: "11",
  communeCode: "03253",
  fullName: "Giàng A Páo",
  "dateOfBirth-day": "5",
  "dateOfBirth-month": "6",
  "dateOfBirth-year": String(new Date().getUTCFullYear() - 15),
  sex: "male",
  personalId: "011210123456",
  addressDetail: "Bản Quài Cang",
  phone: "",
  repName: "Giàng A Chứ",
  repRelationship: "parent",
  repPersonalId: "011080654321",
  repPhone: "0345678901",
  drugs: ["opioids", "other"],
  drugsOther: "Thuốc an thần",
  useDuration: "unknown",
  useMethods: ["smoke"],
  previousTreatment: ["none"],
  treatmentForm: "community",
  commitment: "yes",
  consent: "yes",
};

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

describe.each(langCodes)("axe on Worker-rendered pages: %s", (lang) => {
  it("a step with errors, check answers, receipt, status result", async () => {
    const tracked = await trackedContext(browser, baseUrl);
    const page = await tracked.newPage();
    await page.goto(`/${lang}/register/person/`);
    await submit(page, `/${lang}/register/drug-use/`, {
      _from: "person",
      lang,
      registrant: "self",
      provinceCode: "11",
      communeCode: "03253",
    });
    expect(await page.locator("[data-error-summary]").isVisible()).toBe(true);
    expect(await axeViolations(page), "step with errors").toEqual([]);

    await submit(page, `/${lang}/register/check/`, { ...answers, _from: "consent", lang });
    expect(await page.locator("[data-send]").count()).toBe(1);
    expect(await axeViolations(page), "check answers").toEqual([]);

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

  it("search results", async () => {
    const tracked = await trackedContext(browser, baseUrl);
    const page = await tracked.newPage();
    await page.goto(`/${lang}/search/`);
    await searchFor(page, "115");
    expect(await axeViolations(page)).toEqual([]);
    await tracked.context.close();
  });
});
