/**
 * Filling the registration journey in Chromium, as a person would: by the labels on the page
 * (taken from the Vietnamese UI strings), with the answers of tests/fixtures/registrants.ts.
 */
import type { Page } from "playwright-core";
import { strings, type StringKey } from "../../site/src/core/i18n/translate.ts";
import { adultAnswers } from "../fixtures/registrants.ts";

const vi = (key: string) => strings.vi[key as StringKey]!;
const option = (field: string, value: string) => vi(`reg.${field}.option.${value}`);

export async function continueTo(page: Page, next: RegExp | string) {
  await Promise.all([
    page.waitForURL(next),
    page.getByRole("button", { name: /^(Tiếp tục|Continue)$/ }).click(),
  ]);
}

async function fillDate(page: Page, a: { [k: string]: unknown }) {
  await page.getByLabel("Ngày", { exact: true }).fill(String(a["dateOfBirth-day"]));
  await page.getByLabel("Tháng", { exact: true }).fill(String(a["dateOfBirth-month"]));
  await page.getByLabel("Năm", { exact: true }).fill(String(a["dateOfBirth-year"]));
}

/** From the start page to the check page, for an adult, in Vietnamese. */
export async function fillAdultJourney(page: Page, a: typeof adultAnswers = adultAnswers) {
  await page.goto("/vi/register/");
  await page.getByRole("button", { name: "Bắt đầu" }).click();
  await page.getByLabel(option("registrant", a.registrant)).check();
  await continueTo(page, /\/vi\/register\/place\/$/);
  await page.getByLabel(vi("reg.provinceCode.label")).selectOption(a.provinceCode);
  await continueTo(page, /\/vi\/register\/commune\/$/);
  await page.getByLabel(vi("reg.communeCode.label")).selectOption(a.communeCode);
  await continueTo(page, /\/vi\/register\/person\/$/);
  await page.getByLabel(vi("reg.fullName.label")).fill(a.fullName);
  await fillDate(page, a);
  await page.getByLabel(option("sex", a.sex), { exact: true }).check();
  await page.getByLabel(vi("reg.personalId.label")).fill(a.personalId);
  await page.getByLabel(vi("reg.addressDetail.label")).fill(a.addressDetail);
  if (a.phone) await page.getByLabel(vi("reg.phone.label")).fill(a.phone);
  await continueTo(page, /\/vi\/register\/(drug-use|representative)\/$/);
  for (const [field, values] of [
    ["drugs", a.drugs],
    ["useDuration", [a.useDuration]],
    ["useMethods", a.useMethods],
    ["previousTreatment", a.previousTreatment],
  ] as const)
    for (const value of values) await page.getByLabel(option(field, value)).check();
  await continueTo(page, /\/vi\/register\/treatment\/$/);
  await page.getByLabel(option("treatmentForm", a.treatmentForm)).check();
  await continueTo(page, /\/vi\/register\/consent\/$/);
  await page.getByLabel(vi("reg.commitment.label")).check();
  await page.getByLabel(vi("reg.consent.label")).check();
  await continueTo(page, /\/vi\/register\/check\/$/);
}

/** Sends from the check page; the receipt shows the reference and, this once, the status code. */
export async function sendForReceipt(
  page: Page,
): Promise<{ reference: string; statusCode: string }> {
  await Promise.all([
    page.waitForURL(/\/vi\/register\/receipt\/[2-9A-Z]{11}\/$/),
    page.getByRole("button", { name: "Xác nhận và gửi bản đăng ký" }).click(),
  ]);
  return {
    reference: new URL(page.url()).pathname.split("/")[4]!,
    statusCode: ((await page.locator("[data-status-code]").textContent()) ?? "").trim(),
  };
}

export async function send(page: Page): Promise<string> {
  return (await sendForReceipt(page)).reference;
}

/** The family's status page, with the reference and the status code from the receipt. */
export async function lookUpStatus(page: Page, reference: string, statusCode: string) {
  await page.goto("/vi/register/status/");
  await page.getByLabel("Mã tham chiếu", { exact: true }).fill(reference.toLowerCase());
  await page.getByLabel("Mã tra cứu tình trạng").fill(statusCode);
  await page.getByRole("button", { name: "Xem tình trạng" }).click();
  await page.waitForLoadState();
}
