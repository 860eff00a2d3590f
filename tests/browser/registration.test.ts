/**
 * The whole registration journey in Chromium, with JavaScript off (plain HTML forms answered by
 * the Worker) and on (the validation island); the same outcome both ways. Then the family's
 * status page. Nothing leaves this origin, and nothing of the form is kept in the browser.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchChromium, trackedContext, type TrackedContext } from "../support/chromium.ts";
import {
  adultPerson,
  continueTo,
  fillAdultJourney,
  lookUpStatus,
  send,
  sendForReceipt,
} from "../support/journey.ts";

const baseUrl = inject("baseUrl");
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function checkStatus(page: Page, reference: string, code: string, expected: RegExp) {
  await lookUpStatus(page, reference, code);
  expect(await page.locator("[data-status]").textContent()).toMatch(expected);
}

describe.each([
  ["without JavaScript", false],
  ["with JavaScript", true],
] as const)("the whole journey %s", (_label, javaScriptEnabled) => {
  let tracked: TrackedContext;
  let page: Page;
  beforeAll(async () => {
    tracked = await trackedContext(browser, baseUrl, { javaScriptEnabled });
    page = await tracked.newPage();
  });
  afterAll(async () => {
    await tracked.context.close();
  });

  it("start → questions → check answers → send → receipt → status", async () => {
    await fillAdultJourney(page);
    const summary = await page.locator("main").textContent();
    for (const answer of [
      "Lò Văn Ún",
      "27/03/1990",
      "Nam",
      "011090123456",
      "Xã Tuần Giáo",
      "Điện Biên",
      "Tại gia đình",
      "Chưa từng",
    ])
      expect(summary).toContain(answer);
    const { reference, statusCode } = await sendForReceipt(page);
    expect(await page.locator("[data-reference]").textContent()).toBe(
      `${reference.slice(0, 4)}-${reference.slice(4, 8)}-${reference.slice(8)}`,
    );
    expect(statusCode).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
    expect(await page.locator("main").textContent()).toContain(
      "Bộ phận một cửa, Ủy ban nhân dân xã Tuần Giáo",
    );
    // Where the answers were sealed, said plainly.
    expect(await page.locator("[data-sealed]").getAttribute("data-sealed")).toBe(
      javaScriptEnabled ? "device" : "server",
    );
    // The receipt is shown once: a reload (or the address alone) shows nothing about it.
    await page.reload();
    expect(await page.locator("[data-reference]").count()).toBe(0);
    expect(await page.locator("main").textContent()).not.toContain(statusCode);
    expect(await page.locator("[data-receipt-shown-once]").isVisible()).toBe(true);
    await checkStatus(page, reference, statusCode, /Đã nhận/);
    expect(tracked.foreignRequests).toEqual([]);
  });

  it("an error: the summary first, focused, linked to the field; the title starts with Lỗi; answers kept", async () => {
    await page.goto("/vi/register/who/");
    await page.getByLabel("Cho chính tôi: tôi từ đủ 18 tuổi").check();
    await continueTo(page, /\/place\/$/);
    await page.getByLabel("Tỉnh, thành phố").selectOption({ label: "Điện Biên" });
    await continueTo(page, /\/commune\/$/);
    await page.getByLabel("Xã, phường, đặc khu").selectOption({ label: "Xã Tuần Giáo" });
    await continueTo(page, /\/person\/$/);
    await page.getByLabel("Họ và tên").fill("Lò Văn Ún");
    await page.getByLabel("Ngày", { exact: true }).fill("31");
    await page.getByLabel("Tháng", { exact: true }).fill("2");
    await page.getByLabel("Năm", { exact: true }).fill("1990");
    const requests: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST") requests.push(r.url());
    });
    await page.getByRole("button", { name: "Tiếp tục" }).click();
    await page.locator("[data-error-summary]:not([hidden])").waitFor();
    expect(await page.title()).toMatch(/^Lỗi: /);
    const summary = page.locator("[data-error-summary]");
    expect(
      await summary.evaluate(
        (el) => el === document.activeElement || el.contains(document.activeElement),
      ),
    ).toBe(true);
    expect(
      await summary
        .getByRole("link", { name: "Ngày sinh phải là một ngày có thật, ví dụ 27 3 2001" })
        .getAttribute("href"),
    ).toBe("#dateOfBirth-day");
    expect(await page.locator('[data-error-for="fullName"]').isVisible()).toBe(false);
    expect(await page.locator('[data-error-for="sex"]').isVisible()).toBe(true);
    expect(await page.getByLabel("Họ và tên").inputValue()).toBe("Lò Văn Ún");
    expect(await page.getByLabel("Ngày", { exact: true }).inputValue()).toBe("31");
    // With JavaScript the island caught it on the device; without, the Worker answered the POST.
    expect(requests.length).toBe(javaScriptEnabled ? 0 : 1);
  });

  it("change an answer from the check page, and come back to it", async () => {
    await fillAdultJourney(page, { ...adultPerson, name: "Lò Văn Tạm" });
    await page.getByRole("button", { name: "Thay đổi Họ và tên" }).click();
    await page.waitForURL(/\/person\/$/);
    await page.getByLabel("Họ và tên").fill("Lò Văn Đúng");
    await continueTo(page, /\/check\/$/);
    expect(await page.locator("main").textContent()).toContain("Lò Văn Đúng");
  });
});

describe("sealed on the device with JavaScript", () => {
  it("the check page says where the answers are encrypted; no request body carries an answer in clear when sending", async () => {
    const tracked = await trackedContext(browser, baseUrl);
    const page = await tracked.newPage();
    await fillAdultJourney(page, { ...adultPerson, name: "Người Gửi Kín" });
    // The island shows it once it has hydrated.
    await page.locator("[data-seal-device]").waitFor({ state: "visible" });
    const bodies: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST") bodies.push(`${r.url()} ${r.postData() ?? ""}`);
    });
    await send(page);
    expect(bodies.length).toBeGreaterThan(0);
    const sent = bodies.join("\n");
    for (const answer of [
      "Người Gửi Kín",
      encodeURIComponent("Người Gửi Kín"),
      adultPerson.id,
      "Bản Quài Cang",
      encodeURIComponent("Bản Quài Cang"),
      "1990",
      "0912",
      "opioids",
      "smoke",
    ])
      expect(sent, answer).not.toContain(answer);
    expect(sent).toContain('"envelope"');
    await tracked.context.close();
  });

  it("without JavaScript the check page says plainly that the server will encrypt the answers", async () => {
    const tracked = await trackedContext(browser, baseUrl, { javaScriptEnabled: false });
    const page = await tracked.newPage();
    await fillAdultJourney(page);
    expect(await page.locator("main").textContent()).toContain(
      "Trình duyệt này đang tắt JavaScript",
    );
    await tracked.context.close();
  });
});

describe("nothing of the form is kept in the browser", () => {
  it("no cookies, no storage, no service-worker cache of the answers", async () => {
    const tracked = await trackedContext(browser, baseUrl);
    const page = await tracked.newPage();
    await fillAdultJourney(page, { ...adultPerson, name: "Người Thử Lưu" });
    await send(page);
    // The one-time receipt cookie was consumed by the receipt page; nothing else is set.
    expect(await tracked.context.cookies()).toEqual([]);
    const stored = await page.evaluate(async () => {
      const cached: string[] = [];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const req of await cache.keys())
          cached.push(
            req.url + " " + (await (await cache.match(req))!.text()).includes("Người Thử Lưu"),
          );
      }
      return { local: localStorage.length, session: sessionStorage.length, cached };
    });
    expect(stored.local).toBe(0);
    expect(stored.session).toBe(0);
    expect(
      stored.cached.filter(
        (c) => c.endsWith("true") || /\/register\/(check|person|consent)/.test(c),
      ),
    ).toEqual([]);
    await tracked.context.close();
  });
});
