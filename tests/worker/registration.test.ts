/**
 * POST /api/registrations in workerd, with the real D1 schema: every valid and invalid class,
 * idempotency, no plaintext at rest, and decryption by the office and by the recovery key.
 */
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import {
  adult,
  child,
  count,
  enrollOffice,
  enrollProvince,
  everythingStored,
  origin,
  postForm,
  request,
  submitJson,
  type Enrolled,
} from "./support.ts";
import { openItem, type ItemEnvelope } from "../../site/src/domain/crypto/hpke.ts";
import { registrationFormVersion } from "../../site/src/schemas/registration/payload.ts";
import { utf8 } from "../../site/src/domain/crypto/encoding.ts";
import type { PrivateKeys } from "../../site/src/domain/crypto/keys.ts";
import { isValidReference } from "../../site/src/domain/registration/reference.ts";

let office: Enrolled;
let province: { recovery: PrivateKeys };

beforeAll(async () => {
  office = await enrollOffice("03253");
  province = await enrollProvince("11");
  await enrollOffice("02536");
  await enrollProvince("08");
});

/** The item, and its registration row, as stored. */
const ctx = (reference: string, communeCode = "03253") => ({
  kind: "registration",
  reference,
  communeCode,
  formVersion: registrationFormVersion,
});
async function stored(reference: string) {
  return env.DB.prepare(
    "SELECT * FROM items i JOIN registrations r ON r.reference = i.reference WHERE i.reference = ?",
  )
    .bind(reference)
    .first<Record<string, string>>();
}

describe("valid registrations", () => {
  it("an adult (JSON): 201, a checked reference, the commune's office, a decision date", async () => {
    const res = await submitJson(adult());
    expect(res.status).toBe(201);
    const body = await res.json<{
      reference: string;
      office: string;
      decisionDueBy: string;
      receipt: string;
    }>();
    expect(isValidReference(body.reference)).toBe(true);
    expect(body.office).toBe("Bộ phận một cửa, Ủy ban nhân dân xã Tuần Giáo");
    expect(body.decisionDueBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(body.receipt).toBe(`/vi/register/receipt/${body.reference}/`);
    const row = await stored(body.reference);
    expect(row).toMatchObject({
      commune_code: "03253",
      province_code: "11",
      office_id: office.officeId,
      status: "received",
      treatment_form: "home",
    });
  });

  it("a child with a legal representative", async () => {
    expect((await submitJson(child())).status).toBe(201);
  });

  it("a browser form post is redirected to the receipt (303)", async () => {
    const res = await postForm("/api/registrations", adult());
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toMatch(/^\/vi\/register\/receipt\/[2-9A-Z]{11}\/$/);
  });

  it.each([
    ["names with diacritics", { fullName: "Hờ A Dùa" }],
    ["a Khmer name in Latin letters", { fullName: "Thạch Thị Sa Ry" }],
    ["an apostrophe and a hyphen", { fullName: "H'Hen Niê-Mlô" }],
    ["a +84 mobile number", { phone: "+84 912 345 678" }],
    ["a dotted mobile number", { phone: "0912.345.678" }],
    ["a landline", { phone: "0215 3123 456" }],
    ["no phone (optional)", { phone: "" }],
    ["an ID number typed with spaces", { personalId: "011 090 123 456" }],
    ["another drug, named", { drugs: ["other"], drugsOther: "Thuốc an thần" }],
  ])("accepts %s", async (_name, overrides) => {
    expect((await submitJson(adult(overrides))).status).toBe(201);
  });

  it("stores names NFC-normalized (decomposed input is accepted)", async () => {
    const res = await submitJson(adult({ fullName: "Nguyễn Thị Hoà".normalize("NFD") }));
    const { reference } = await res.json<{ reference: string }>();
    const row = await stored(reference);
    const payload = JSON.parse(
      utf8.decode(
        await openItem(
          JSON.parse(row!.envelope!) as ItemEnvelope,
          ctx(reference),
          office.keys.kid,
          office.keys.encryption!,
        ),
      ),
    );
    expect(payload.person.fullName).toBe("Nguyễn Thị Hoà".normalize("NFC"));
  });
});

describe("invalid answers get a specific, localized message and store nothing", () => {
  const year = new Date().getUTCFullYear();
  const cases: [string, Record<string, unknown>, string, string][] = [
    ["no registrant", { registrant: "" }, "registrant", "Chọn bạn đăng ký cho ai"],
    [
      "a child under 12 as registrant",
      { registrant: "under12" },
      "registrant",
      "Chọn bạn đăng ký cho ai",
    ],
    [
      "an unknown province",
      { provinceCode: "99" },
      "provinceCode",
      "Chọn tỉnh, thành phố nơi người đó sống",
    ],
    [
      "an unknown commune",
      { communeCode: "99999" },
      "communeCode",
      "Chọn xã, phường nơi người đó sống",
    ],
    [
      "a commune of another province",
      { communeCode: "02536" },
      "communeCode",
      "không thuộc tỉnh này",
    ],
    ["no name", { fullName: "  " }, "fullName", "Nhập họ và tên"],
    ["digits in the name", { fullName: "Lò Văn 2" }, "fullName", "chỉ gồm chữ cái"],
    [
      "markup in the name",
      { fullName: "<script>alert(1)</script>" },
      "fullName",
      "chỉ gồm chữ cái",
    ],
    ["a name over 100 characters", { fullName: "A".repeat(101) }, "fullName", "ít hơn 100 ký tự"],
    [
      "a date that does not exist",
      { "dateOfBirth-day": "31", "dateOfBirth-month": "2" },
      "dateOfBirth",
      "ngày có thật",
    ],
    [
      "a birth date in the future",
      { "dateOfBirth-year": String(year + 1) },
      "dateOfBirth",
      "trong quá khứ",
    ],
    [
      "a person under 12",
      { registrant: "self", "dateOfBirth-year": String(year - 11) },
      "dateOfBirth",
      "dưới 12 tuổi",
    ],
    [
      "a 17-year-old registering themselves",
      { "dateOfBirth-year": String(year - 17), "dateOfBirth-month": "1", "dateOfBirth-day": "1" },
      "dateOfBirth",
      "người đại diện hợp pháp",
    ],
    ["no sex", { sex: "" }, "sex", "Chọn giới tính"],
    ["an 11-digit ID number", { personalId: "01109012345" }, "personalId", "đúng 12 chữ số"],
    ["letters in the ID number", { personalId: "01109012345A" }, "personalId", "đúng 12 chữ số"],
    ["no address", { addressDetail: "" }, "addressDetail", "Nhập số nhà"],
    [
      "markup in the address",
      { addressDetail: "<img src=x onerror=alert(1)>" },
      "addressDetail",
      "chỉ gồm chữ, số",
    ],
    [
      "SQL in the address",
      { addressDetail: "1'; DROP TABLE registrations; --" },
      "addressDetail",
      "chỉ gồm chữ, số",
    ],
    ["a phone that is not Vietnamese", { phone: "12345" }, "phone", "số điện thoại Việt Nam"],
    ["no drug selected", { drugs: [] }, "drugs", "Chọn ít nhất một loại"],
    ["an unknown drug option", { drugs: ["sugar"] }, "drugs", "Chọn ít nhất một loại"],
    [
      "'another drug' without naming it",
      { drugs: ["other"], drugsOther: "" },
      "drugsOther",
      "Nhập loại ma túy khác",
    ],
    ["no duration", { useDuration: "" }, "useDuration", "bao lâu"],
    ["no method", { useMethods: [] }, "useMethods", "cách sử dụng"],
    [
      "'never' and an earlier treatment",
      { previousTreatment: ["none", "voluntary"] },
      "previousTreatment",
      "không chọn cả hai",
    ],
    [
      "a form of treatment the law does not offer voluntarily",
      { treatmentForm: "compulsory" },
      "treatmentForm",
      "hình thức cai nghiện",
    ],
    ["no commitment", { commitment: "" }, "commitment", "cam kết"],
    ["no consent", { consent: "" }, "consent", "đồng ý xử lý thông tin"],
  ];
  it.each(cases)("%s", async (_name, overrides, field, message) => {
    const before = await count("registrations");
    const res = await submitJson(adult(overrides));
    expect(res.status).toBe(400);
    const body = await res.json<{ error: string; fields: { field: string; message: string }[] }>();
    expect(body.fields).toContainEqual(
      expect.objectContaining({ field, message: expect.stringContaining(message) }),
    );
    expect(await count("registrations")).toBe(before);
  });

  it.each([
    [
      "a child without a representative",
      { repName: "", repRelationship: "", repPersonalId: "", repPhone: "" },
      ["repName", "repRelationship", "repPersonalId", "repPhone"],
    ],
    [
      "a representative with the person's own ID number",
      { repPersonalId: "011210123456" },
      ["repPersonalId"],
    ],
    ["a representative with a bad phone", { repPhone: "0123" }, ["repPhone"]],
    [
      "a 19-year-old registered as a child",
      { "dateOfBirth-year": String(year - 19) },
      ["dateOfBirth"],
    ],
  ])("%s", async (_name, overrides, fields) => {
    const res = await submitJson(child(overrides));
    expect(res.status).toBe(400);
    const body = await res.json<{ fields: { field: string }[] }>();
    expect(body.fields.map((f) => f.field)).toEqual(expect.arrayContaining(fields));
  });

  it("answers in the page's language (English)", async () => {
    const res = await submitJson(adult({ lang: "en", fullName: "" }));
    const body = await res.json<{ fields: { field: string; message: string }[] }>();
    expect(body.fields).toContainEqual({ field: "fullName", message: "Enter the full name" });
  });

  it("a browser gets the check page again, with an error summary linking to the answer to change", async () => {
    const res = await postForm("/api/registrations", adult({ personalId: "123" }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/<title>Lỗi: /);
    expect(html).toContain(
      '<a href="#change-personalId">Số định danh cá nhân phải gồm đúng 12 chữ số</a>',
    );
    expect(html).toContain('name="fullName" value="Lò Văn Ún"'); // answers kept, as hidden fields
  });
});

describe("bad requests are refused before anything is read or written", () => {
  it("malformed JSON → 400", async () => {
    const res = await request("/api/registrations", {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: origin },
      body: "{not json",
    });
    expect(res.status).toBe(400);
    expect((await res.json<{ error: string }>()).error).toBe("malformed-body");
  });

  it("JSON that is not an object → 400", async () => {
    expect(
      (
        await request("/api/registrations", {
          method: "POST",
          headers: { "Content-Type": "application/json", Origin: origin },
          body: "[1,2]",
        })
      ).status,
    ).toBe(400);
  });

  it("a wrong content type → 415", async () => {
    expect(
      (
        await request("/api/registrations", {
          method: "POST",
          headers: { "Content-Type": "text/plain", Origin: origin },
          body: "hello",
        })
      ).status,
    ).toBe(415);
  });

  it("an oversize body → 413", async () => {
    const res = await submitJson(adult({ addressDetail: "x".repeat(40_000) }));
    expect(res.status).toBe(413);
  });

  it("another origin → 403", async () => {
    expect((await submitJson(adult(), { Origin: "https://evil.example" })).status).toBe(403);
    expect(
      (await submitJson(adult(), { "Sec-Fetch-Site": "cross-site", Origin: "null" })).status,
    ).toBe(403);
  });

  it("a browser's own form post with Origin: null (no-referrer policy) and Sec-Fetch-Site: same-origin is accepted", async () => {
    expect(
      (await submitJson(adult(), { "Sec-Fetch-Site": "same-origin", Origin: "null" })).status,
    ).toBe(201);
  });

  it("a filled honeypot → 400 with a clear message, nothing stored", async () => {
    const before = await count("registrations");
    const res = await submitJson(adult({ website: "http://spam.example" }));
    expect(res.status).toBe(400);
    expect((await res.json<{ fields: { message: string }[] }>()).fields[0]!.message).toContain(
      "Để trống ô này",
    );
    expect(await count("registrations")).toBe(before);
  });

  it("no idempotency key → 400", async () => {
    expect((await submitJson(adult({ idempotencyKey: "" }))).status).toBe(400);
  });

  it("the registrations table survives SQL in every text field", async () => {
    await submitJson(
      adult({
        fullName: "x'); DROP TABLE registrations;--",
        addressDetail: "'; DELETE FROM offices; --",
        drugsOther: "1 OR 1=1",
      }),
    );
    expect(await count("offices")).toBeGreaterThan(0);
    expect(await count("registrations")).toBeGreaterThanOrEqual(0);
  });
});

describe("idempotency: a retried or double-submitted form creates one registration", () => {
  it("returns the same reference, stores one row and one set of deliveries", async () => {
    const body = adult();
    const first = await submitJson(body);
    const second = await submitJson(body);
    const third = await postForm("/api/registrations", body);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    const a = await first.json<{ reference: string }>();
    const b = await second.json<{ reference: string }>();
    expect(b.reference).toBe(a.reference);
    expect(third.headers.get("Location")).toBe(`/vi/register/receipt/${a.reference}/`);
    const rows = await env.DB.prepare("SELECT COUNT(*) AS n FROM items WHERE idempotency_key = ?")
      .bind(body.idempotencyKey as string)
      .first<{ n: number }>();
    expect(rows!.n).toBe(1);
    expect(
      (await env.DB.prepare("SELECT COUNT(*) AS n FROM deliveries WHERE reference = ?")
        .bind(a.reference)
        .first<{ n: number }>())!.n,
    ).toBe(1);
  });

  it("accepts the key as an Idempotency-Key header (JSON clients)", async () => {
    const { idempotencyKey: _, ...body } = adult();
    const key = crypto.randomUUID();
    const a = await (
      await submitJson(body, { "Idempotency-Key": key })
    ).json<{ reference: string }>();
    const b = await (
      await submitJson(body, { "Idempotency-Key": key })
    ).json<{ reference: string }>();
    expect(b.reference).toBe(a.reference);
  });
});

describe("stored only as ciphertext the receiving office can read", () => {
  it("no personal data in clear anywhere in D1; the office key and the recovery key both decrypt it", async () => {
    const answers = adult({
      fullName: "Quàng Văn Thắng",
      personalId: "011095777888",
      phone: "0987 654 321",
      addressDetail: "Bản Hua Sát 7",
      drugsOther: "Cỏ Mỹ",
      drugs: ["other"],
    });
    const { reference } = await (await submitJson(answers)).json<{ reference: string }>();
    const everything = await everythingStored();
    for (const secret of [
      "Quàng Văn Thắng",
      "Thắng",
      "011095777888",
      "0987654321",
      "0987 654 321",
      "Hua Sát",
      "Cỏ Mỹ",
      "1990-03-27",
      "27/03/1990",
      "opioids",
      "other",
    ]) {
      expect(everything, `"${secret}" is stored in clear`).not.toContain(secret);
    }
    const envelope = JSON.parse((await stored(reference))!.envelope!) as ItemEnvelope;
    expect(envelope.recipients.map((r) => r.role).sort()).toEqual(["office", "recovery"]);
    const byOffice = JSON.parse(
      utf8.decode(
        await openItem(envelope, ctx(reference), office.keys.kid, office.keys.encryption!),
      ),
    );
    const byRecovery = JSON.parse(
      utf8.decode(
        await openItem(
          envelope,
          ctx(reference),
          province.recovery.kid,
          province.recovery.encryption!,
        ),
      ),
    );
    expect(byOffice).toEqual(byRecovery);
    expect(byOffice.person).toMatchObject({
      fullName: "Quàng Văn Thắng",
      personalId: "011095777888",
      phone: "0987654321",
      dateOfBirth: "1990-03-27",
    });
    expect(byOffice.person.address).toMatchObject({
      detail: "Bản Hua Sát 7",
      commune: "Xã Tuần Giáo",
      province: "Điện Biên",
    });
    expect(byOffice.drugUse).toMatchObject({ drugs: ["other"], other: "Cỏ Mỹ" });
  });

  it("a ciphertext moved to another record does not decrypt", async () => {
    const { reference } = await (await submitJson(adult())).json<{ reference: string }>();
    const envelope = JSON.parse((await stored(reference))!.envelope!) as ItemEnvelope;
    await expect(
      openItem(envelope, ctx("BBBBBBBBBBB"), office.keys.kid, office.keys.encryption!),
    ).rejects.toThrow(/could not be decrypted/);
  });

  it("a commune with no office, in a province with no receiving point, is refused clearly (503)", async () => {
    const res = await submitJson(adult({ provinceCode: "01", communeCode: "00004" }));
    expect(res.status).toBe(503);
    expect((await res.json<{ fields: { message: string }[] }>()).fields[0]!.message).toContain(
      "chưa nhận đăng ký trực tuyến",
    );
  });
});

// siteverify answers from tests/worker/outbound.ts, as Cloudflare documents for its test keys.
describe("Turnstile, where a province enables it", () => {
  it("is not asked where a province has not enabled it", async () => {
    expect((await submitJson(adult())).status).toBe(201);
  });

  it("refuses a failed check, accepts a passed one (province 08 has it enabled in this test's settings)", async () => {
    const inSonDuong = { provinceCode: "08", communeCode: "02536" };
    const failed = await submitJson(adult({ ...inSonDuong, "cf-turnstile-response": "bad-token" }));
    expect(failed.status).toBe(403);
    expect((await failed.json<{ error: string }>()).error).toBe("turnstile");
    expect(
      (await submitJson(adult({ ...inSonDuong, "cf-turnstile-response": "XXXX.DUMMY.TOKEN.XXXX" })))
        .status,
    ).toBe(201);
  });
});

describe("rate limiting", () => {
  it("answers 429 with a clear message after too many submissions from one client for one commune", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++)
      statuses.push(
        (await submitJson(adult({ fullName: "" }), { "CF-Connecting-IP": "203.0.113.9" })).status,
      );
    expect(statuses).toContain(429);
    const res = await submitJson(adult(), { "CF-Connecting-IP": "203.0.113.9" });
    expect(res.status).toBe(429);
    expect((await res.json<{ fields: { message: string }[] }>()).fields[0]!.message).toContain(
      "chờ một phút",
    );
  });
});
