/** The family's status page: reference + status code (the date of birth is no longer asked). */
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import {
  adult,
  enrollOffice,
  enrollProvince,
  origin,
  postForm,
  request,
  submitJson,
} from "./support.ts";
import { maxStatusFailures } from "../../functions/registration/status.ts";
import {
  formatReference,
  newReference,
} from "../../site/src/core/domain/registration/reference.ts";

let reference = "";
let statusCode = "";
beforeAll(async () => {
  await enrollOffice("03253");
  await enrollProvince("11");
  ({ reference, statusCode } = await (
    await submitJson(adult())
  ).json<{
    reference: string;
    statusCode: string;
  }>());
});

const lookup = (body: Record<string, string>) =>
  request("/api/registrations/status", {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: origin },
    body: JSON.stringify(body),
  });

describe("status lookup", () => {
  it("shows the status with the status code, both typed in lower case with dashes", async () => {
    const res = await lookup({
      reference: formatReference(reference).toLowerCase(),
      statusCode: statusCode.toLowerCase(),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: "received",
      statusLabel: "Đã gửi đến Công an xã, phường: đang chờ xem xét",
      message: null,
    });
  });

  it("shows the office's message once it sets one (the page without JavaScript)", async () => {
    await env.DB.prepare(
      "UPDATE items SET status = 'appointment', status_message = 'Mời đến UBND xã sáng thứ Hai 30/11' WHERE reference = ?",
    )
      .bind(reference)
      .run();
    const html = await (
      await postForm("/vi/register/status/", { reference, statusCode, lang: "vi" })
    ).text();
    expect(html).toContain("Đã hẹn ngày hoàn thiện hồ sơ");
    expect(html).toContain("Mời đến UBND xã sáng thứ Hai 30/11");
  });

  it("a wrong code and an unknown reference read the same; the date of birth opens nothing", async () => {
    const wrong = await lookup({ reference, statusCode: "22222-33333" });
    const unknown = await lookup({ reference: newReference(), statusCode });
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect((await lookup({ reference, dateOfBirth: "1990-03-27" } as never)).status).toBe(400);
  });

  it("a reference with a wrong check character is refused as a typo", async () => {
    const typo = reference.slice(0, 10) + (reference[10] === "A" ? "B" : "A");
    expect((await lookup({ reference: typo, statusCode })).status).toBe(400);
  });

  it(`locks after ${maxStatusFailures} wrong codes, even for the right one, and says how to ask the office`, async () => {
    const r = await (await submitJson(adult())).json<{ reference: string; statusCode: string }>();
    for (let i = 0; i < maxStatusFailures; i++)
      expect((await lookup({ reference: r.reference, statusCode: "22222-33333" })).status).toBe(
        404,
      );
    const res = await lookup({ reference: r.reference, statusCode: r.statusCode });
    expect(res.status).toBe(429);
    const html = await (
      await postForm("/en/register/status/", {
        reference: r.reference,
        statusCode: r.statusCode,
        lang: "en",
      })
    ).text();
    expect(html).toContain("go to or call the commune police named on your receipt");
    expect(html).not.toContain(r.statusCode); // the code is never written back into the page
  });

  it("the receipt address alone shows nothing, for a real reference or not", async () => {
    for (const ref of [reference, newReference()]) {
      const res = await request(`/vi/register/receipt/${ref}/`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).not.toContain("Xã Tuần Giáo");
      expect(html).not.toContain("Lò Văn Ún");
      expect(html).toContain("Biên nhận chỉ hiện một lần");
    }
  });
});
