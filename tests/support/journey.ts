/** Filling the registration journey in Chromium, as a person would (labels, not selectors). */
import type { Page } from "playwright-core";

export interface Person {
  name: string;
  day: string;
  month: string;
  year: string;
  id: string;
  address: string;
  phone?: string;
}
export const adultPerson: Person = {
  name: "Lò Văn Ún",
  day: "27",
  month: "3",
  year: "1990",
  id: "011090123456",
  address: "Bản Quài Cang, số 12",
  phone: "0912 345 678",
};

export async function continueTo(page: Page, next: RegExp | string) {
  await Promise.all([
    page.waitForURL(next),
    page.getByRole("button", { name: /^(Tiếp tục|Continue)$/ }).click(),
  ]);
}

/** From the start page to the check page, for an adult in Xã Tuần Giáo (Điện Biên), in Vietnamese. */
export async function fillAdultJourney(page: Page, person: Person = adultPerson) {
  await page.goto("/vi/register/");
  await page.getByRole("button", { name: "Bắt đầu" }).click();
  await page.getByLabel("Cho chính tôi: tôi từ đủ 18 tuổi").check();
  await continueTo(page, /\/vi\/register\/place\/$/);
  await page.getByLabel("Tỉnh, thành phố").selectOption({ label: "Điện Biên" });
  await continueTo(page, /\/vi\/register\/commune\/$/);
  await page.getByLabel("Xã, phường, đặc khu").selectOption({ label: "Xã Tuần Giáo" });
  await continueTo(page, /\/vi\/register\/person\/$/);
  await page.getByLabel("Họ và tên").fill(person.name);
  await page.getByLabel("Ngày", { exact: true }).fill(person.day);
  await page.getByLabel("Tháng", { exact: true }).fill(person.month);
  await page.getByLabel("Năm", { exact: true }).fill(person.year);
  await page.getByLabel("Nam", { exact: true }).check();
  await page.getByLabel("Số định danh cá nhân").fill(person.id);
  await page.getByLabel("Số nhà, đường, thôn, bản, ấp hoặc tổ dân phố").fill(person.address);
  if (person.phone) await page.getByLabel(/Số điện thoại để cán bộ liên hệ/).fill(person.phone);
  await continueTo(page, /\/vi\/register\/(drug-use|representative)\/$/);
  await page.getByLabel("Heroin hoặc chất dạng thuốc phiện khác").check();
  await page.getByLabel("Từ 1 đến 5 năm").check();
  await page.getByLabel("Hút hoặc hít khói").check();
  await page.getByLabel("Chưa từng").check();
  await continueTo(page, /\/vi\/register\/treatment\/$/);
  await page.getByLabel("Tại gia đình").check();
  await continueTo(page, /\/vi\/register\/consent\/$/);
  await page.getByLabel(/Tôi cam kết tự nguyện cai nghiện/).check();
  await page.getByLabel(/Tôi đồng ý để Lối Về xử lý/).check();
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
