/**
 * The delivery loop in Chromium: a family registers → the office signs in with its key file,
 * reads the registration (decrypted on the device), opens the print view, sets a status and a
 * message → the family's status page shows them.
 */
import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { chromiumPerFile } from "../support/browser.ts";
import { formatReference } from "../../site/src/core/domain/registration/reference.ts";
import {
  adultPerson,
  fillAdultJourney,
  lookUpStatus,
  send,
  sendForReceipt,
} from "../support/journey.ts";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { projectRoot } from "../../scripts/lib/run.ts";

const { newContext } = chromiumPerFile();
const demo = inject("demo");

/** Signs in as a receiving office or a province, as an officer would: choose the key file, type the passphrase. */
const signInLabels = {
  vi: { file: "Tệp khóa", passphrase: "Cụm mật khẩu của tệp khóa", submit: "Đăng nhập" },
  en: { file: "Key file", passphrase: "Passphrase of the key file", submit: "Sign in" },
};
async function signIn(
  page: Page,
  file: { name: string; buffer: Buffer },
  passphrase: string,
  lang: keyof typeof signInLabels = "vi",
) {
  const labels = signInLabels[lang];
  await page
    .getByLabel(labels.file, { exact: true })
    .setInputFiles({ ...file, mimeType: "application/json" });
  await page.getByLabel(labels.passphrase).fill(passphrase);
  await page.getByRole("button", { name: labels.submit }).click();
}

describe("family → office → family", () => {
  it("runs the whole loop", async () => {
    // The family registers.
    const family = await newContext();
    const familyPage = await family.newPage();
    await fillAdultJourney(familyPage, { ...adultPerson, name: "Quàng Văn Vòng" });
    const { reference, statusCode } = await sendForReceipt(familyPage);

    // The office signs in with its key file and passphrase (pasted: WCAG 3.3.8).
    const office = await newContext();
    const page = await office.newPage();
    await page.goto("/vi/office/");
    await signIn(
      page,
      { name: "commune-03253.key.json", buffer: readFileSync(demo.officeKeyFiles["03253"]!) },
      demo.passphrase,
    );
    await page.locator("[data-signed-in]").waitFor();
    // The key's fingerprint, checked against the province's signed directory.
    expect(
      await page.locator("[data-fingerprint-state]").getAttribute("data-fingerprint-state"),
    ).toBe("matches");
    expect(await page.locator("[data-fingerprint]").first().textContent()).toMatch(
      /^([0-9A-F]{4} ){7}[0-9A-F]{4}$/,
    );
    const row = page.locator(`tr[data-reference="${reference}"]`);
    await row.waitFor();
    // An online filing is marked until the officer has seen the person and their identity card.
    expect(await row.locator("[data-online-unchecked]").textContent()).toBe(
      "Gửi trực tuyến, chưa đối chiếu danh tính",
    );
    await row.getByRole("button", { name: /Mở/ }).click();
    await page.locator("[data-decrypted]").waitFor();
    expect(await page.locator("[data-decrypted]").textContent()).toContain("Quàng Văn Vòng");

    // The print view is laid out as the form, on A4.
    await page.evaluate(() => {
      window.print = () => undefined;
    });
    await page.getByRole("button", { name: "In theo mẫu (A4)" }).click();
    await page.waitForFunction(() => document.documentElement.classList.contains("printing-form"));
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".official-form").first().isVisible()).toBe(true);
    expect(await page.locator(".official-form").count()).toBe(2);
    expect(await page.locator(".office-print").textContent()).toContain(
      "ĐƠN XIN ĐI CAI NGHIỆN MA TÚY TỰ NGUYỆN",
    );
    expect(await page.locator("[data-decrypted]").isVisible()).toBe(false);
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.byteLength).toBeGreaterThan(1000);
    await page.emulateMedia({ media: "screen" });

    // A status and a message for the family.
    await page.getByLabel("Tình trạng").selectOption({ label: "Đã hẹn ngày hoàn thiện hồ sơ" });
    await page.getByLabel("Lời nhắn cho gia đình").fill("Mời đến UBND xã lúc 8 giờ sáng thứ Hai.");
    await page.getByRole("button", { name: "Lưu tình trạng" }).click();
    await page.locator("[data-saved]").waitFor();

    // The family sees it.
    await lookUpStatus(familyPage, reference, statusCode);
    expect(await familyPage.locator("[data-status]").textContent()).toBe(
      "Đã hẹn ngày hoàn thiện hồ sơ",
    );
    expect(await familyPage.locator("[data-status-message]").textContent()).toBe(
      "Mời đến UBND xã lúc 8 giờ sáng thứ Hai.",
    );

    // The same ciphertext opens with the recovery key in the administrator's tool, and the use is recorded.
    const opened = await new Promise<string>((done, fail) =>
      execFile(
        process.execPath,
        [
          "scripts/offices.ts",
          "open",
          "--reference",
          reference,
          "--offline-key",
          demo.offlineKeyFiles["11"]!,
          "--persist-to",
          inject("stateDir"),
          "--keys-dir",
          join(projectRoot, "dist/keys"),
        ],
        {
          cwd: projectRoot,
          env: {
            ...process.env,
            PATH: `${join(projectRoot, "node_modules/.bin")}:${process.env.PATH}`,
            LOI_VE_PASSPHRASE: demo.passphrase,
          },
        },
        (error, stdout, stderr) => (error ? fail(new Error(stderr)) : done(stdout)),
      ),
    );
    expect(opened).toContain("Quàng Văn Vòng");

    expect(family.foreignRequests).toEqual([]);
    expect(office.foreignRequests).toEqual([]);
    await family.context.close();
    await office.context.close();
  }, 120_000);

  it("the office is notified: the local outbox lists the e-mail, with the reference and no personal data", async () => {
    const family = await newContext();
    const familyPage = await family.newPage();
    await fillAdultJourney(familyPage, { ...adultPerson, name: "Lường Thị Xuân" });
    const reference = await send(familyPage);
    const shown = formatReference(reference);
    const outbox = await family.newPage();
    // The queue consumer runs in wrangler dev within seconds (max_batch_timeout = 2).
    const deadline = Date.now() + 30_000;
    let row = outbox.locator("tr", { hasText: shown });
    do {
      await outbox.goto("/vi/office/outbox/");
      row = outbox.locator("tr", { hasText: shown });
      if (await row.count()) break;
      await outbox.waitForTimeout(500);
    } while (Date.now() < deadline);
    expect(await row.count()).toBe(1);
    expect(await row.locator("td").nth(1).textContent()).toBe("xa-03253@demo.loi-ve.local");
    await row.locator("summary").click();
    const body = await row.locator(".outbox-body").textContent();
    expect(body).toContain("Xã Tuần Giáo");
    expect(body).toContain("/vi/office/");
    expect(body).not.toContain("Lường Thị Xuân");
    expect(body).not.toContain(adultPerson.id);
    await family.context.close();
  });

  it("a wrong passphrase or a file that is not a key file gets a clear message", async () => {
    const office = await newContext();
    const page = await office.newPage();
    await page.goto("/vi/office/");
    await signIn(
      page,
      { name: "k.json", buffer: readFileSync(demo.officeKeyFiles["03253"]!) },
      "this is not the passphrase",
    );
    await page.getByRole("link", { name: "Cụm mật khẩu không đúng với tệp khóa này" }).waitFor();
    await signIn(page, { name: "photo.json", buffer: Buffer.from('{"hello":1}') }, demo.passphrase);
    await page.getByRole("link", { name: "Tệp đã chọn không phải tệp khóa của Lối Về" }).waitFor();
    await office.context.close();
  });

  it("the province's administrator sees the figures, not the registrations", async () => {
    const ctx = await newContext();
    const page = await ctx.newPage();
    await page.goto("/en/office/");
    await signIn(
      page,
      { name: "p.json", buffer: readFileSync(demo.provinceKeyFiles["11"]!) },
      demo.passphrase,
      "en",
    );
    await page.getByRole("heading", { name: "Province figures" }).waitFor();
    expect(await page.locator("[data-total]").textContent()).toMatch(/Total: /);
    await ctx.context.close();
  });
});
