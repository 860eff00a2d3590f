/**
 * The registration journey in Chromium, with JavaScript off (plain forms, post/redirect/get with
 * a sealed draft cookie) and on (the island keeps the draft on the device); the same outcome both
 * ways. Mẫu 20 and Mẫu 33 are collected, routed to the commune police, the notice is read before
 * sending; Back and Forward, a language switch and a reload after a dropped connection keep the
 * answers; the draft is gone after sending; each mistake shows on the step where it is made.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { type TrackedContext } from "../../scripts/lib/chromium.ts";
import { chromiumPerFile } from "../support/browser.ts";
import {
  adultPerson,
  adultShown,
  answerCommune,
  answerConsent,
  answerDetermination,
  answerDrugUse,
  answerFamily,
  answerPerson,
  answerPlace,
  answerRecord,
  answerBackground,
  answerTreatment,
  answerTreatmentHistory,
  answerWho,
  continueTo,
  fillAdultJourney,
  lookUpStatus,
  send,
  sendForReceipt,
  settle as settleJourney,
  usesJavaScript,
} from "../support/journey.ts";

const { baseUrl, newContext } = chromiumPerFile();

async function checkStatus(page: Page, reference: string, code: string, expected: RegExp) {
  await lookUpStatus(page, reference, code);
  expect(await page.locator("[data-status]").textContent()).toMatch(expected);
}

/** What the family keeps of the draft: the sealed cookies (no JavaScript) or the device's copy. */
async function draftLeft(context: BrowserContext, page: Page) {
  const cookies = (await context.cookies()).filter((c) => c.name.startsWith("lv_draft"));
  const session = await page.evaluate(() => sessionStorage.length);
  return { cookies: cookies.length, session };
}

const mainText = async (page: Page) => (await page.locator("main").textContent()) ?? "";

describe.each([
  ["without JavaScript", false],
  ["with JavaScript", true],
] as const)("the journey %s", (_label, javaScriptEnabled) => {
  let tracked: TrackedContext;
  let page: Page;
  beforeAll(async () => {
    tracked = await newContext({ javaScriptEnabled });
    page = await tracked.newPage();
    usesJavaScript(page, javaScriptEnabled);
  });
  afterAll(async () => {
    await tracked.context.close();
  });
  /** With JavaScript, the island fills the page from the device after it loads: wait for it. */
  const settle = () => settleJourney(page);

  it("collects Mẫu 20 and Mẫu 33, says what it commits to before sending, sends to the commune police", async () => {
    await fillAdultJourney(page);
    await settle();
    const summary = await mainText(page);
    for (const answer of adultShown) expect(summary).toContain(answer);
    expect(summary).toContain("Bước 13 trên 13");
    expect(summary).toContain("Lối Về gửi hồ sơ đến Công an xã, phường. Công an sẽ liên hệ");
    // The notice was on the consent step, before sending: go back to read it again.
    await page.goto("/vi/register/consent/");
    await settle();
    const notice = await page.locator(".before-sending").textContent();
    expect(notice).toContain("24 tháng cho lần đầu, 36 tháng từ lần thứ hai");
    expect(notice).toContain("Theo câu trả lời của bạn: 24 tháng.");
    expect(notice).toContain("phải đeo thiết bị giám sát điện tử");
    expect(notice).toContain("có thể dẫn đến cai nghiện bắt buộc");
    expect(notice).toContain("ra quyết định trong 24 giờ kể từ khi nhận đủ hồ sơ");
    expect(notice).toContain("mang theo bản chính thẻ căn cước");
    expect(await page.locator("#legal-basis").count()).toBe(1);
    await page.goto("/vi/register/check/");
    await settle();
    const { reference, statusCode } = await sendForReceipt(page);
    await settle();
    expect(await page.locator("[data-reference]").textContent()).toBe(
      `${reference.slice(0, 4)}-${reference.slice(4, 8)}-${reference.slice(8)}`,
    );
    expect(statusCode).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
    // Where the answers were sealed, said plainly.
    expect(await page.locator("[data-sealed]").getAttribute("data-sealed")).toBe(
      javaScriptEnabled ? "device" : "server",
    );
    const receipt = await mainText(page);
    expect(receipt).toMatch(/Công an xã Tuần Giáo|Tuần Giáo/);
    expect(receipt).toContain("Công an sẽ liên hệ để bạn hoàn thiện hồ sơ");
    expect(receipt).toContain("trong 24 giờ kể từ khi nhận đủ hồ sơ");
    expect(await page.locator("[data-status-url]").textContent()).toBe(
      new URL("/vi/register/status/", baseUrl).href,
    );
    expect(await page.getByRole("button", { name: "In biên nhận" }).count()).toBe(
      javaScriptEnabled ? 1 : 0,
    );
    // The draft is gone after sending: no sealed cookie, nothing on the device.
    expect(await draftLeft(tracked.context, page)).toEqual({ cookies: 0, session: 0 });
    // The receipt is shown once: a reload shows nothing about it, but still the status address.
    await page.reload();
    expect(await page.locator("[data-reference]").count()).toBe(0);
    expect(await page.locator("main").textContent()).not.toContain(statusCode);
    expect(await page.locator("[data-receipt-shown-once]").isVisible()).toBe(true);
    expect(await page.locator("[data-status-url]").textContent()).toBe(
      new URL("/vi/register/status/", baseUrl).href,
    );
    await checkStatus(page, reference, statusCode, /Đã gửi đến Công an xã, phường/);
    expect(tracked.foreignRequests).toEqual([]);
  });

  it("Back and Forward from every step keep the answers", async () => {
    await page.goto("/vi/register/");
    await page.getByRole("button", { name: "Bắt đầu" }).click();
    await page.waitForURL(/\/who\/$/);
    await settle();
    const steps: [RegExp, () => Promise<void>, () => Promise<void>][] = [
      [
        /\/who\/$/,
        () => answerWho(page),
        async () =>
          expect(await page.getByLabel("Cho chính tôi: tôi từ đủ 18 tuổi").isChecked()).toBe(true),
      ],
      [
        /\/determination\/$/,
        () => answerDetermination(page),
        async () => expect(await page.getByLabel("Đã có", { exact: true }).isChecked()).toBe(true),
      ],
      [
        /\/place\/$/,
        () => answerPlace(page),
        async () => expect(await page.getByLabel("Tỉnh, thành phố").inputValue()).toBe("11"),
      ],
      [
        /\/commune\/$/,
        () => answerCommune(page),
        async () => expect(await page.getByLabel("Xã, phường, đặc khu").inputValue()).toBe("03253"),
      ],
      [
        /\/person\/$/,
        () => answerPerson(page, adultPerson),
        async () =>
          expect(await page.getByLabel("Họ và tên", { exact: true }).inputValue()).toBe(
            adultPerson.name,
          ),
      ],
      [
        /\/background\/$/,
        () => answerBackground(page),
        async () => expect(await page.getByLabel(/^Nghề nghiệp/).inputValue()).toBe("Làm nương"),
      ],
      [
        /\/family\/$/,
        () => answerFamily(page),
        async () => expect(await page.getByLabel(/^Tuổi của cha/).inputValue()).toBe("62"),
      ],
      [
        /\/record\/$/,
        () => answerRecord(page),
        async () =>
          expect(
            await page
              .getByRole("group", { name: /tiền án/ })
              .getByLabel("Không có")
              .isChecked(),
          ).toBe(true),
      ],
      [
        /\/drug-use\/$/,
        () => answerDrugUse(page),
        async () => expect(await page.getByLabel(/^Năm sử dụng lần đầu/).inputValue()).toBe("2015"),
      ],
      [
        /\/treatment-history\/$/,
        () => answerTreatmentHistory(page),
        async () =>
          expect(
            await page
              .getByRole("group", { name: /đã từng cai nghiện/ })
              .getByLabel("Chưa từng")
              .isChecked(),
          ).toBe(true),
      ],
      [
        /\/treatment\/$/,
        () => answerTreatment(page),
        async () => expect(await page.getByLabel("Tại gia đình, cộng đồng").isChecked()).toBe(true),
      ],
      [
        /\/consent\/$/,
        () => answerConsent(page),
        async () => expect(await page.getByLabel(/^Tôi đồng ý để Lối Về/).isChecked()).toBe(true),
      ],
    ];
    for (const [, answer] of steps) await answer();
    expect(page.url()).toMatch(/\/check\/$/);
    // Back through every step: each shows what was answered.
    for (const [url, , kept] of [...steps].reverse()) {
      await page.goBack();
      await page.waitForURL(url);
      await page.waitForLoadState();
      await settle();
      await kept();
    }
    // And Forward again to the check page.
    for (const [url, , kept] of steps.slice(1)) {
      await page.goForward();
      await page.waitForURL(url);
      await page.waitForLoadState();
      await settle();
      await kept();
    }
    await page.goForward();
    await page.waitForURL(/\/check\/$/);
    await settle();
    expect(await mainText(page)).toContain("Lò Văn Phềnh");
  });

  it("a language switch at step 4 keeps the answers", async () => {
    await page.goto("/vi/register/who/");
    await settle();
    await answerWho(page);
    await answerDetermination(page);
    await answerPlace(page);
    expect(await page.locator("[data-slot=stepOf]").textContent()).toContain("Bước 4 trên 13");
    await page.getByRole("link", { name: "English" }).click();
    await page.waitForURL(/\/en\/register\/commune\/$/);
    await settle();
    expect(await page.locator("[data-slot=stepOf]").textContent()).toContain("Step 4 of 13");
    // The province chosen in Vietnamese gives its communes here.
    await page.getByLabel("Commune, ward or special zone").selectOption({ label: "Xã Tuần Giáo" });
    await continueTo(page, /\/en\/register\/person\/$/);
    await page.goto("/en/register/place/");
    await settle();
    expect(await page.getByLabel("Province or city").inputValue()).toBe("11");
    await page.goto("/en/register/determination/");
    await settle();
    expect(
      await page
        .getByRole("group", { name: /^Date of the result/ })
        .getByLabel("Year")
        .inputValue(),
    ).toBe("2026");
    await page.goto("/vi/register/commune/");
    await settle();
    expect(await page.getByLabel("Xã, phường, đặc khu").inputValue()).toBe("03253");
  });

  it("a reload after the connection drops keeps the answers", async () => {
    await page.goto("/vi/register/who/");
    await settle();
    await answerWho(page);
    await answerDetermination(page);
    await answerPlace(page);
    await answerCommune(page);
    await answerPerson(page, { ...adultPerson, name: "Lò Văn Mạng" });
    await page.goto("/vi/register/person/");
    await settle();
    if (javaScriptEnabled)
      await page.getByLabel("Số định danh cá nhân", { exact: true }).fill("011090999999");
    await tracked.context.setOffline(true);
    await page.reload().catch(() => undefined); // the connection is gone: an error page
    await tracked.context.setOffline(false);
    await page.reload();
    await settle();
    await page.waitForURL(/\/vi\/register\/person\/$/);
    expect(await page.getByLabel("Họ và tên", { exact: true }).inputValue()).toBe("Lò Văn Mạng");
    // With JavaScript even what was typed and not yet sent is kept (saved on the device as typed).
    expect(await page.getByLabel("Số định danh cá nhân", { exact: true }).inputValue()).toBe(
      javaScriptEnabled ? "011090999999" : adultPerson.id,
    );
  });

  it("'start again' deletes the draft", async () => {
    await page.goto("/vi/register/who/");
    await settle();
    await answerWho(page);
    await page.getByRole("button", { name: "Bắt đầu lại (xóa câu trả lời)" }).click();
    await page.waitForURL(/\/vi\/register\/$/);
    expect(await draftLeft(tracked.context, page)).toEqual({ cookies: 0, session: 0 });
    await page.goto("/vi/register/who/");
    await settle();
    expect(await page.getByLabel("Cho chính tôi: tôi từ đủ 18 tuổi").isChecked()).toBe(false);
  });

  describe("each mistake shows on the step where the answer is given", () => {
    it("a 2012 birth date on the 'for myself, 18 or over' path", async () => {
      await page.goto("/vi/register/who/");
      await settle();
      await answerWho(page);
      await answerDetermination(page);
      await answerPlace(page);
      await answerCommune(page);
      await answerPerson(
        page,
        { ...adultPerson, year: "2012", month: "1", day: "1" },
        /\/vi\/register\/person\/$/,
      );
      await page.locator("[data-error-summary]:not([hidden])").waitFor();
      expect(await page.title()).toMatch(/^Lỗi: /);
      const link = page
        .locator("[data-error-summary]")
        .getByRole("link", { name: /Người dưới 18 tuổi do cha, mẹ/ });
      expect(await link.getAttribute("href")).toBe("#dateOfBirth-day");
      // The error is tied to its field: read with the date boxes and their group.
      expect(await page.locator("#dateOfBirth-year").getAttribute("aria-describedby")).toContain(
        "error-dateOfBirth",
      );
      expect(
        await page.getByRole("group", { name: "Ngày sinh" }).getAttribute("aria-describedby"),
      ).toContain("error-dateOfBirth");
      expect(await page.getByLabel("Họ và tên", { exact: true }).inputValue()).toBe(
        adultPerson.name,
      );
    });

    it("an empty writer of the request for a 15-year-old", async () => {
      await page.goto("/vi/register/who/");
      await settle();
      await answerWho(page, "child");
      await answerDetermination(page);
      await answerPlace(page);
      await answerCommune(page);
      await answerPerson(
        page,
        {
          ...adultPerson,
          name: "Giàng A Páo",
          year: String(new Date().getUTCFullYear() - 15),
          id: "011210123456",
        },
        /\/vi\/register\/writer\/$/,
      );
      expect(await page.locator("[data-slot=stepOf]").textContent()).toContain("Bước 6 trên 14");
      await page.getByRole("button", { name: "Tiếp tục" }).click();
      await page.locator("[data-error-summary]:not([hidden])").waitFor();
      expect(page.url()).toMatch(/\/vi\/register\/writer\/$/);
      expect(await page.locator("[data-error-summary]").textContent()).toContain(
        "Nhập họ và tên của bạn",
      );
      expect(await page.locator("#repName").getAttribute("aria-describedby")).toContain(
        "error-repName",
      );
      expect(
        await page
          .getByRole("group", { name: "Bạn là gì của người cai nghiện?" })
          .getAttribute("aria-describedby"),
      ).toContain("error-repRelationship");
    });

    it("'never treated' with compulsory treatment before", async () => {
      await page.goto("/vi/register/who/");
      await settle();
      await answerWho(page);
      await answerDetermination(page);
      await answerPlace(page);
      await answerCommune(page);
      await answerPerson(page, adultPerson);
      await answerBackground(page);
      await answerFamily(page);
      await answerRecord(page);
      await answerDrugUse(page);
      await page
        .getByRole("group", { name: /đã từng cai nghiện/ })
        .getByLabel("Chưa từng")
        .check();
      await page.getByLabel(/^Số lần bị đưa vào cai nghiện bắt buộc/).fill("1");
      await page
        .getByRole("group", { name: /thuốc thay thế/ })
        .getByLabel("Không", { exact: true })
        .check();
      await page.getByRole("button", { name: "Tiếp tục" }).click();
      await page.locator("[data-error-summary]:not([hidden])").waitFor();
      expect(page.url()).toMatch(/\/vi\/register\/treatment-history\/$/);
      expect(await page.locator("[data-error-summary]").textContent()).toContain(
        'Bạn đã chọn "Chưa từng" cai nghiện nhưng lại ghi số lần cai nghiện bắt buộc',
      );
      expect(await page.getByLabel(/^Số lần bị đưa vào cai nghiện bắt buộc/).inputValue()).toBe(
        "1",
      );
    });
  });

  it("the under-12 choice leads to its explanation, not to an error", async () => {
    await page.goto("/vi/register/who/");
    await settle();
    await page.getByLabel("Cho một trẻ dưới 12 tuổi").check();
    // The explanation page has no island: wait for the address only.
    await Promise.all([
      page.waitForURL(/\/vi\/register\/under-12\/$/),
      page.getByRole("button", { name: "Tiếp tục" }).click(),
    ]);
    expect(await page.locator("h1").textContent()).toContain("không dành cho trẻ dưới 12 tuổi");
  });
});

describe("sealed on the device with JavaScript", () => {
  it("the check page says where the answers are encrypted; no request of the whole journey carries an answer in clear", async () => {
    const tracked = await newContext();
    const page = await tracked.newPage();
    usesJavaScript(page);
    // Every request of the whole journey, not only the send: with JavaScript the draft stays on
    // the device, so no step posts an answer either.
    const bodies: string[] = [];
    page.on("request", (r) => {
      const body = r.postData();
      if (body) bodies.push(`${r.url()} ${body}`);
      else if (r.method() === "GET" && new URL(r.url()).search) bodies.push(r.url());
    });
    await fillAdultJourney(page, { ...adultPerson, name: "Người Gửi Kín" });
    // The island shows it once it has hydrated and the seal's office is known.
    await page.locator("[data-seal-device]").waitFor({ state: "visible" });
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
      "Làm nương",
      "Lò Văn Pấng",
    ])
      expect(sent, answer).not.toContain(answer);
    expect(sent).toContain('"envelope"');
    await tracked.context.close();
  });

  it("without JavaScript the check page says plainly that the server will encrypt the answers", async () => {
    const tracked = await newContext({ javaScriptEnabled: false });
    const page = await tracked.newPage();
    await fillAdultJourney(page);
    expect(await page.locator("main").textContent()).toContain(
      "Trình duyệt này đang tắt JavaScript",
    );
    await tracked.context.close();
  });
});

describe("the start page on a 360 × 740 phone", () => {
  it.each(["vi", "hmn"])("%s: the Start button is within the first 740 px", async (lang) => {
    const tracked = await newContext({
      viewport: { width: 360, height: 740 },
    });
    const page = await tracked.newPage();
    await page.goto(`/${lang}/register/`);
    const box = await page.locator("[data-start]").boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y + box!.height).toBeLessThanOrEqual(740);
    await tracked.context.close();
  });
});
