/**
 * Mẫu 20 and Mẫu 33 printed from the family's answers, with JavaScript (rendered on the device)
 * and without (rendered by the Worker from the sealed draft): printed to an A4 PDF by Chromium,
 * the PDF's text holds every answer (names in capitals), each form starts on its own page, and no
 * line runs past the page's printable width.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { extractText, getDocumentProxy } from "unpdf";
import { chromiumPerFile } from "../support/browser.ts";
import { fillAdultJourney, settle, usesJavaScript } from "../support/journey.ts";

const { newContext } = chromiumPerFile();

/** Every answer the journey gives, as the printed forms show it. */
const printed = [
  "ĐƠN XIN ĐI CAI NGHIỆN MA TÚY TỰ NGUYỆN",
  "BẢN TÓM TẮT LÝ LỊCH",
  "Kính gửi: Trưởng Công an xã Tuần Giáo",
  "LÒ VĂN PHỀNH", // the name in capitals, as both forms ask
  "27/03/1990",
  "Nam",
  "011090123456",
  "Bản Quài Cang, số 12, Xã Tuần Giáo, Điện Biên",
  "0912345678",
  "Bản thân (người cai nghiện tự viết đơn)",
  "Tại gia đình, cộng đồng",
  "Lớp 9/12",
  "Làm nương",
  "Lò Văn Pấng",
  "62",
  "Heroin hoặc chất dạng thuốc phiện khác",
  "Hút hoặc hít khói",
  "2015",
  "Tôi xin cam đoan lời khai trên là đúng sự thật.",
  "chưa được xác minh",
];

const squash = (s: string) => s.normalize("NFC").replace(/\s+/g, " ");

async function printToPdf(page: Page) {
  await page.emulateMedia({ media: "print" });
  // Nothing in the forms is wider than its box (a cut-off answer would be).
  const overflowing = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>(".official-form")].flatMap((form) => {
      const edge = form.getBoundingClientRect().right + 1;
      return [...form.querySelectorAll<HTMLElement>("*")]
        .filter((el) => !el.closest(".visually-hidden") && el.getBoundingClientRect().right > edge)
        .map((el) => `${el.className || el.tagName}: ${el.textContent?.slice(0, 40)}`);
    }),
  );
  const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: "screen" });
  return { pdf, overflowing };
}

describe.each([
  ["without JavaScript (rendered by the Worker)", false],
  ["with JavaScript (rendered on the device)", true],
] as const)("Mẫu 20 and Mẫu 33 %s", (_label, javaScriptEnabled) => {
  it("an A4 PDF with every answer, each form on its own page, nothing cut off, nothing sent", async () => {
    const tracked = await newContext({ javaScriptEnabled });
    const page = await tracked.newPage();
    usesJavaScript(page, javaScriptEnabled);
    await fillAdultJourney(page);
    const posts: string[] = [];
    page.on("request", (r) => {
      if (r.method() !== "GET") posts.push(r.url());
    });
    await page.getByRole("link", { name: "Xem bản in Mẫu 20 và Mẫu 33" }).click();
    await page.waitForURL(/\/vi\/register\/print\/$/);
    await settle(page);
    expect(await page.locator(".official-form").count()).toBe(2);
    expect(await page.getByRole("button", { name: "In (A4)" }).count()).toBe(
      javaScriptEnabled ? 1 : 0,
    );

    const { pdf, overflowing } = await printToPdf(page);
    expect(overflowing).toEqual([]);
    const doc = await getDocumentProxy(new Uint8Array(pdf));
    const { totalPages, text } = await extractText(doc, { mergePages: false });
    const all = squash(text.join("\n"));
    for (const answer of printed)
      expect(all, `"${answer}" is not on the printed page`).toContain(squash(answer));
    // Mẫu 20 first, Mẫu 33 on a page of its own; the site's chrome is not printed.
    expect(totalPages).toBeGreaterThanOrEqual(2);
    const form33Page = text.findIndex((t) => squash(t).includes("BẢN TÓM TẮT LÝ LỊCH"));
    expect(form33Page).toBeGreaterThan(0);
    expect(squash(text[form33Page]!)).not.toContain("ĐƠN XIN ĐI CAI NGHIỆN");
    expect(all).not.toContain("Ngôn ngữ");
    // Every line of text lies inside the page (A4: 595 × 842 pt).
    for (let n = 1; n <= totalPages; n++) {
      const p = await doc.getPage(n);
      const [, , width, height] = p.view as [number, number, number, number];
      const content = await p.getTextContent();
      for (const item of content.items as { str: string; transform: number[]; width: number }[]) {
        if (!item.str.trim()) continue;
        const [x, y] = [item.transform[4]!, item.transform[5]!];
        expect(x, `"${item.str}" starts left of page ${n}`).toBeGreaterThanOrEqual(0);
        expect(x + item.width, `"${item.str}" runs off page ${n}`).toBeLessThanOrEqual(width);
        expect(y, `"${item.str}" is below page ${n}`).toBeGreaterThanOrEqual(0);
        expect(y, `"${item.str}" is above page ${n}`).toBeLessThanOrEqual(height);
      }
    }
    // Printing sent nothing: no form post, no API call.
    expect(posts).toEqual([]);
    expect(tracked.foreignRequests).toEqual([]);
    await tracked.context.close();
  });
});
