/**
 * axe on the pages the Worker renders from a POST, in every language: a step with errors, check
 * your answers, the receipt, the status result, and the search results (with JavaScript).
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { chromiumPerFile } from "../support/browser.ts";
import { axeViolations } from "./support.ts";
import { searchFor } from "../support/search.ts";
import { childAnswers } from "../fixtures/registrants.ts";
import { langCodes } from "../../site/src/core/i18n/languages.ts";

const { newContext } = chromiumPerFile();

// The fixture's child, with a drug not on the list: the check page then shows the detail too.
const answers = {
  ...childAnswers(),
  drugs: ["opioids", "other"],
  drugsOther: "Thuốc an thần",
  treatmentForm: "community",
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
    const tracked = await newContext();
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
    const tracked = await newContext();
    const page = await tracked.newPage();
    await page.goto(`/${lang}/search/`);
    await searchFor(page, "115");
    expect(await axeViolations(page)).toEqual([]);
    await tracked.context.close();
  });
});
