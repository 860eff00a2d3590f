/**
 * Filling the registration journey in Chromium, as a person would (labels, not selectors), in
 * Vietnamese. Works the same with JavaScript on (the island moves between the pages) and off (the
 * Worker answers each post with a 303).
 */
import type { Locator, Page } from "playwright-core";
import { adultAnswers } from "../fixtures/registrants.ts";

export interface Person {
  name: string;
  day: string;
  month: string;
  year: string;
  id: string;
  address: string;
  phone?: string;
}
/** The adult of tests/fixtures/registrants.ts (the one registrant every layer's tests use), as typed. */
const adult = adultAnswers();
export const adultPerson: Person = {
  name: String(adult.fullName),
  day: String(adult["dateOfBirth-day"]),
  month: String(adult["dateOfBirth-month"]),
  year: String(adult["dateOfBirth-year"]),
  id: String(adult.personalId),
  address: String(adult.addressDetail),
  phone: String(adult.phone),
};

/** Every answer an adult's journey gives (as the family types them) and how the check page shows it. */
export const adultShown = [
  "Lò Văn Phềnh",
  "27/03/1990",
  "Nam",
  "011090123456",
  "Bản Quài Cang, số 12",
  "Xã Tuần Giáo",
  "Điện Biên",
  "Lớp 9/12",
  "Làm nương",
  "Lò Văn Pấng",
  "Heroin hoặc chất dạng thuốc phiện khác",
  "Hút hoặc hít khói",
  "2015",
  "Chưa từng",
  "Tại gia đình, cộng đồng",
];

/** Pages whose context runs JavaScript: there the island fills each page after it loads. */
const withJavaScript = new WeakSet<Page>();
export function usesJavaScript(page: Page, enabled = true) {
  if (enabled) withJavaScript.add(page);
  else withJavaScript.delete(page);
}

/** Waits until the island has filled the page from the device (no wait without JavaScript). */
export async function settle(page: Page) {
  if (withJavaScript.has(page))
    await page.locator("html[data-registration-ready]").waitFor({ state: "attached" });
}

export async function continueTo(page: Page, next: RegExp | string) {
  await Promise.all([
    page.waitForURL(next),
    page.getByRole("button", { name: /^(Tiếp tục|Continue)$/ }).click(),
  ]);
  await settle(page);
}

/** The three boxes of a date field, found inside its group. */
export async function fillDate(
  scope: Page | Locator,
  legend: string | RegExp,
  d: string,
  m: string,
  y: string,
) {
  const group = scope.getByRole("group", { name: legend });
  await group.getByLabel(/^(Ngày|Day)$/).fill(d);
  await group.getByLabel(/^(Tháng|Month)$/).fill(m);
  await group.getByLabel(/^(Năm|Year)$/).fill(y);
}

export async function answerWho(page: Page, who: "self" | "child" = "self") {
  await page
    .getByLabel(
      who === "self"
        ? "Cho chính tôi: tôi từ đủ 18 tuổi"
        : "Cho con hoặc người tôi giám hộ, đại diện, từ đủ 12 đến dưới 18 tuổi",
    )
    .check();
  await continueTo(page, /\/vi\/register\/determination\/$/);
}

export async function answerDetermination(page: Page) {
  await page.getByLabel("Đã có", { exact: true }).check();
  await fillDate(page, /^Ngày có kết quả/, "20", "11", "2026");
  await continueTo(page, /\/vi\/register\/place\/$/);
}

export async function answerPlace(page: Page) {
  await page.getByLabel("Có", { exact: true }).check();
  await page.getByLabel("Tỉnh, thành phố").selectOption({ label: "Điện Biên" });
  await continueTo(page, /\/vi\/register\/commune\/$/);
}

export async function answerCommune(page: Page) {
  await page.getByLabel("Xã, phường, đặc khu").selectOption({ label: "Xã Tuần Giáo" });
  await continueTo(page, /\/vi\/register\/person\/$/);
}

export async function answerPerson(
  page: Page,
  person: Person,
  next = /\/vi\/register\/(background|writer)\/$/,
) {
  await page.getByLabel("Họ và tên", { exact: true }).fill(person.name);
  await fillDate(page, "Ngày sinh", person.day, person.month, person.year);
  await page.getByRole("group", { name: "Giới tính" }).getByLabel("Nam", { exact: true }).check();
  await page.getByLabel("Số định danh cá nhân", { exact: true }).fill(person.id);
  await page.getByLabel(/^Nơi cư trú: số nhà/).fill(person.address);
  if (person.phone) await page.getByLabel(/Số điện thoại để Công an/).fill(person.phone);
  await continueTo(page, next);
}

export async function answerBackground(page: Page) {
  await page.getByLabel(/^Trình độ đào tạo/).fill("Lớp 9/12");
  await page.getByLabel(/^Nghề nghiệp/).fill("Làm nương");
  await continueTo(page, /\/vi\/register\/family\/$/);
}

export async function answerFamily(page: Page) {
  await page.getByLabel(/^Họ và tên của cha/).fill("Lò Văn Pấng");
  await page.getByLabel(/^Tuổi của cha/).fill("62");
  await continueTo(page, /\/vi\/register\/record\/$/);
}

export async function answerRecord(page: Page) {
  await page
    .getByRole("group", { name: /tiền án/ })
    .getByLabel("Không có")
    .check();
  await page
    .getByRole("group", { name: /tiền sự/ })
    .getByLabel("Không có")
    .check();
  await continueTo(page, /\/vi\/register\/drug-use\/$/);
}

export async function answerDrugUse(page: Page) {
  await page.getByLabel("Heroin hoặc chất dạng thuốc phiện khác").check();
  await page.getByLabel("Hút hoặc hít khói").check();
  await page.getByLabel(/^Năm sử dụng lần đầu/).fill("2015");
  await continueTo(page, /\/vi\/register\/treatment-history\/$/);
}

export async function answerTreatmentHistory(page: Page, next = /\/vi\/register\/treatment\/$/) {
  await page
    .getByRole("group", { name: /đã từng cai nghiện/ })
    .getByLabel("Chưa từng")
    .check();
  await page
    .getByRole("group", { name: /thuốc thay thế/ })
    .getByLabel("Không", { exact: true })
    .check();
  await continueTo(page, next);
}

export async function answerTreatment(page: Page) {
  await page.getByLabel("Tại gia đình, cộng đồng").check();
  await continueTo(page, /\/vi\/register\/consent\/$/);
}

export async function answerConsent(page: Page) {
  await page.getByLabel(/^Tôi tự nguyện cai nghiện/).check();
  await page.getByLabel(/^Tôi đồng ý để Lối Về/).check();
  await continueTo(page, /\/vi\/register\/check\/$/);
}

/** From the start page to the check page, for an adult in Xã Tuần Giáo (Điện Biên), in Vietnamese. */
export async function fillAdultJourney(page: Page, person: Person = adultPerson) {
  await page.goto("/vi/register/");
  await Promise.all([
    page.waitForURL(/\/vi\/register\/who\/$/),
    page.getByRole("button", { name: "Bắt đầu" }).click(),
  ]);
  await settle(page);
  await answerWho(page);
  await answerDetermination(page);
  await answerPlace(page);
  await answerCommune(page);
  await answerPerson(page, person);
  await answerBackground(page);
  await answerFamily(page);
  await answerRecord(page);
  await answerDrugUse(page);
  await answerTreatmentHistory(page);
  await answerTreatment(page);
  await answerConsent(page);
}

/** Sends from the check page; the receipt shows the reference and, this once, the status code. */
export async function sendForReceipt(
  page: Page,
): Promise<{ reference: string; statusCode: string }> {
  await Promise.all([
    page.waitForURL(/\/vi\/register\/receipt\/[2-9A-Z]{11}\/$/),
    page.getByRole("button", { name: "Xác nhận và gửi hồ sơ đăng ký" }).click(),
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
