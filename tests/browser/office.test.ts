/**
 * The delivery loop in Chromium: a family registers → the office signs in with its key file,
 * reads the registration (decrypted on the device), opens the print view, sets a status and a
 * message → the family's status page shows them.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchChromium, trackedContext } from "../support/chromium.ts";
import { adultPerson, fillAdultJourney, send } from "../support/journey.ts";

const baseUrl = inject("baseUrl");
const demo = inject("demo");
let browser: Browser;
beforeAll(async () => { browser = await launchChromium(); });
afterAll(async () => { await browser?.close(); });

describe("family → office → family", () => {
  it("runs the whole loop", async () => {
    // The family registers.
    const family = await trackedContext(browser, baseUrl);
    const familyPage = await family.newPage();
    await fillAdultJourney(familyPage, { ...adultPerson, name: "Quàng Văn Vòng" });
    const reference = await send(familyPage);

    // The office signs in with its key file and passphrase (pasted: WCAG 3.3.8).
    const office = await trackedContext(browser, baseUrl);
    const page = await office.newPage();
    await page.goto("/vi/office/");
    await page.getByLabel("Tệp khóa", { exact: true }).setInputFiles({ name: "commune-03253.key.json", mimeType: "application/json", buffer: readFileSync(demo.officeKeyFiles["03253"]!) });
    await page.getByLabel("Cụm mật khẩu của tệp khóa").fill(demo.passphrase);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.locator("[data-signed-in]").waitFor();
    const row = page.locator(`tr[data-reference="${reference}"]`);
    await row.waitFor();
    await row.getByRole("button", { name: /Mở/ }).click();
    await page.locator("[data-decrypted]").waitFor();
    expect(await page.locator("[data-decrypted]").textContent()).toContain("Quàng Văn Vòng");

    // The print view is laid out as the form, on A4.
    await page.evaluate(() => { window.print = () => undefined; });
    await page.getByRole("button", { name: "In theo mẫu (A4)" }).click();
    await page.waitForFunction(() => document.documentElement.classList.contains("printing-form"));
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".official-form").isVisible()).toBe(true);
    expect(await page.locator(".official-form").textContent()).toContain("BẢN ĐĂNG KÝ CAI NGHIỆN MA TÚY TỰ NGUYỆN");
    expect(await page.locator("[data-decrypted]").isVisible()).toBe(false);
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.byteLength).toBeGreaterThan(1000);
    await page.emulateMedia({ media: "screen" });

    // A status and a message for the family.
    await page.getByLabel("Tình trạng").selectOption({ label: "Đã hẹn ngày làm thủ tục" });
    await page.getByLabel("Lời nhắn cho gia đình").fill("Mời đến UBND xã lúc 8 giờ sáng thứ Hai.");
    await page.getByRole("button", { name: "Lưu tình trạng" }).click();
    await page.locator("[data-saved]").waitFor();

    // The family sees it.
    await familyPage.goto("/vi/register/status/");
    await familyPage.getByLabel("Mã tham chiếu").fill(reference);
    await familyPage.getByLabel("Ngày", { exact: true }).fill(adultPerson.day);
    await familyPage.getByLabel("Tháng", { exact: true }).fill(adultPerson.month);
    await familyPage.getByLabel("Năm", { exact: true }).fill(adultPerson.year);
    await familyPage.getByRole("button", { name: "Xem tình trạng" }).click();
    await familyPage.waitForLoadState();
    expect(await familyPage.locator("[data-status]").textContent()).toBe("Đã hẹn ngày làm thủ tục");
    expect(await familyPage.locator("[data-status-message]").textContent()).toBe("Mời đến UBND xã lúc 8 giờ sáng thứ Hai.");

    expect(family.foreignRequests).toEqual([]);
    expect(office.foreignRequests).toEqual([]);
    await family.context.close();
    await office.context.close();
  });

  it("a wrong passphrase or a file that is not a key file gets a clear message", async () => {
    const office = await trackedContext(browser, baseUrl);
    const page = await office.newPage();
    await page.goto("/vi/office/");
    await page.getByLabel("Tệp khóa", { exact: true }).setInputFiles({ name: "k.json", mimeType: "application/json", buffer: readFileSync(demo.officeKeyFiles["03253"]!) });
    await page.getByLabel("Cụm mật khẩu của tệp khóa").fill("this is not the passphrase");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("link", { name: "Cụm mật khẩu không đúng với tệp khóa này" }).waitFor();
    await page.getByLabel("Tệp khóa", { exact: true }).setInputFiles({ name: "photo.json", mimeType: "application/json", buffer: Buffer.from('{"hello":1}') });
    await page.getByLabel("Cụm mật khẩu của tệp khóa").fill(demo.passphrase);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("link", { name: "Tệp đã chọn không phải tệp khóa của Lối Về" }).waitFor();
    await office.context.close();
  });

  it("the province's administrator sees the figures, not the registrations", async () => {
    const ctx = await trackedContext(browser, baseUrl);
    const page = await ctx.newPage();
    await page.goto("/en/office/");
    await page.getByLabel("Key file", { exact: true }).setInputFiles({ name: "p.json", mimeType: "application/json", buffer: readFileSync(demo.provinceKeyFiles["11"]!) });
    await page.getByLabel("Passphrase of the key file").fill(demo.passphrase);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Province figures" }).waitFor();
    expect(await page.locator("[data-total]").textContent()).toMatch(/Total: /);
    await ctx.context.close();
  });
});
