/** The family's status page: reference + date of birth, lockout after repeated wrong answers. */
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
import { newReference } from "../../site/src/domain/registration/reference.ts";

let reference = "";
beforeAll(async () => {
  await enrollOffice("03253");
  await enrollProvince("11");
  reference = (await (await submitJson(adult())).json<{ reference: string }>()).reference;
});

const lookup = (body: Record<string, string>) =>
  request("/api/registrations/status", {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: origin },
    body: JSON.stringify(body),
  });

describe("status lookup", () => {
  it("shows the status with the right date of birth, the reference typed in lower case with dashes", async () => {
    const res = await lookup({
      reference:
        `${reference.slice(0, 4)}-${reference.slice(4, 8)}-${reference.slice(8)}`.toLowerCase(),
      dateOfBirth: "1990-03-27",
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: "received",
      statusLabel: "Đã gửi đến Công an xã, phường: đang chờ xem xét",
      message: null,
    });
  });

  it("shows the office's message once it sets one", async () => {
    await env.DB.prepare(
      "UPDATE registrations SET status = 'appointment', status_message = 'Mời đến UBND xã sáng thứ Hai 30/11' WHERE reference = ?",
    )
      .bind(reference)
      .run();
    const html = await (
      await postForm("/vi/register/status/", {
        reference,
        "dateOfBirth-day": "27",
        "dateOfBirth-month": "03",
        "dateOfBirth-year": "1990",
        lang: "vi",
      })
    ).text();
    expect(html).toContain("Đã hẹn ngày hoàn thiện hồ sơ");
    expect(html).toContain("Mời đến UBND xã sáng thứ Hai 30/11");
  });

  it("a wrong date of birth and an unknown reference read the same", async () => {
    const wrong = await lookup({ reference, dateOfBirth: "1990-03-28" });
    const unknown = await lookup({ reference: newReference(), dateOfBirth: "1990-03-27" });
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it("a reference with a wrong check character is refused as a typo", async () => {
    const typo = reference.slice(0, 10) + (reference[10] === "A" ? "B" : "A");
    const res = await lookup({ reference: typo, dateOfBirth: "1990-03-27" });
    expect(res.status).toBe(400);
  });

  it(`locks after ${maxStatusFailures} wrong answers, even for the right one`, async () => {
    const { reference: ref } = await (await submitJson(adult())).json<{ reference: string }>();
    for (let i = 0; i < maxStatusFailures; i++)
      expect((await lookup({ reference: ref, dateOfBirth: "2000-01-01" })).status).toBe(404);
    const res = await lookup({ reference: ref, dateOfBirth: "1990-03-27" });
    expect(res.status).toBe(429);
  });

  it("the receipt works when bookmarked, and shows nothing personal", async () => {
    const html = await (await request(`/vi/register/receipt/${reference}/`)).text();
    expect(html).toContain(
      `${reference.slice(0, 4)}-${reference.slice(4, 8)}-${reference.slice(8)}`,
    );
    expect(html).toContain("Xã Tuần Giáo");
    expect(html).not.toContain("Lò Văn Ún");
    expect((await request(`/vi/register/receipt/${newReference()}/`)).status).toBe(404);
  });
});
