/**
 * POST /api/registrations in workerd, with the real D1 schema: every valid and invalid class,
 * idempotency, no plaintext at rest, and decryption by the office and by the recovery key.
 */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { app } from "../../functions/app.ts";
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
  workerEnv,
} from "./support.ts";
import { openItem, type ItemEnvelope } from "../../site/src/core/domain/crypto/hpke.ts";
import { registrationFormVersion } from "../../site/src/core/schemas/registration/payload.ts";
import { utf8 } from "../../site/src/core/domain/crypto/encoding.ts";
import type { PrivateKeys } from "../../site/src/core/domain/crypto/keys.ts";
import { isValidReference } from "../../site/src/core/domain/registration/reference.ts";
import { officeNameFor } from "../../site/src/core/domain/offices/records.ts";
import { payloadSchema } from "../../site/src/core/schemas/registration/payload.ts";

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
/** The one-time receipt cookie a submission sets (the receipt shows its details only with it). */
function receiptCookie(res: Response): string {
  return (
    res.headers
      .getSetCookie()
      .find((c) => /^__Host-loi_ve_receipt=/.test(c))
      ?.split(";")[0] ?? ""
  );
}

async function stored(reference: string) {
  return env.DB.prepare(
    "SELECT * FROM items i JOIN registrations r ON r.reference = i.reference WHERE i.reference = ?",
  )
    .bind(reference)
    .first<Record<string, string>>();
}

describe("valid registrations", () => {
  it("an adult (JSON): 201, a checked reference, the commune's office, the decision time 24 hours later", async () => {
    const before = Date.now();
    const res = await submitJson(adult());
    expect(res.status).toBe(201);
    const body = await res.json<{
      reference: string;
      office: string;
      decisionDueBy: string;
      receipt: string;
    }>();
    expect(isValidReference(body.reference)).toBe(true);
    expect(body.office).toBe(officeNameFor("03253", "11"));
    // Decree 163 Art. 91.1: within 24 hours of receipt (not 3 working days).
    const due = new Date(body.decisionDueBy).getTime();
    expect(due - before).toBeGreaterThanOrEqual(24 * 3600_000);
    expect(due - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
    expect(body.receipt).toBe(`/vi/register/receipt/${body.reference}/`);
    const row = await stored(body.reference);
    expect(new Date(row!.due_by!).getTime() - new Date(row!.created_at!).getTime()).toBe(
      24 * 3600_000,
    );
    expect(row).toMatchObject({
      commune_code: "03253",
      province_code: "11",
      office_id: office.officeId,
      status: "received",
      treatment_form: "home",
    });
  });

  it("a child, with the parent as the writer of Mẫu 20", async () => {
    expect((await submitJson(child())).status).toBe(201);
  });

  it.each([
    [
      "a person without a stable residence (no treatment question: a public facility)",
      { residence: "none", treatmentForm: "" },
    ],
    [
      "no determination yet",
      {
        determination: "no",
        "determinationDate-day": "",
        "determinationDate-month": "",
        "determinationDate-year": "",
      },
    ],
    [
      "earlier treatment, told consistently",
      {
        treatedBefore: "yes",
        voluntaryTimes: "2",
        voluntaryPlaces: "Cơ sở cai nghiện số 1",
        compulsoryTimes: "1",
        afterCareTimes: "1",
      },
    ],
    [
      "substitution treatment that ended",
      {
        substitution: "ended",
        "substitutionEndDate-day": "1",
        "substitutionEndDate-month": "6",
        "substitutionEndDate-year": "2025",
      },
    ],
    [
      "a criminal record, described",
      { criminalRecord: "yes", criminalRecordDetail: "Năm 2015, 2 năm tù" },
    ],
    ["'I do not know' for both records", { criminalRecord: "unknown", adminRecord: "unknown" }],
    ["a private facility", { treatmentForm: "private-facility" }],
    [
      "a spouse and children",
      { spouseName: "Lò Thị Hoa", spouseAge: "30", children: "Lò Văn A, 8 tuổi\nLò Thị B, 5 tuổi" },
    ],
  ])("accepts %s", async (_name, overrides) => {
    expect((await submitJson(adult(overrides))).status).toBe(201);
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
    ["a name typed with stray spaces", { fullName: "  lò   văn  phềnh  " }],
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
    ["a child under 12 as registrant", { registrant: "under12" }, "registrant", "dưới 12 tuổi"],
    ["no answer on the determination", { determination: "" }, "determination", "kết quả xác định"],
    [
      "a determination without its date",
      { "determinationDate-day": "", "determinationDate-month": "", "determinationDate-year": "" },
      "determinationDate",
      "Nhập ngày có kết quả",
    ],
    [
      "a determination dated in the future",
      { "determinationDate-year": String(year + 1) },
      "determinationDate",
      "hôm nay hoặc một ngày đã qua",
    ],
    ["no answer on residence", { residence: "" }, "residence", "nơi cư trú ổn định"],
    ["an unknown province", { provinceCode: "99" }, "provinceCode", "Chọn tỉnh, thành phố"],
    ["an unknown commune", { communeCode: "99999" }, "communeCode", "Chọn xã, phường"],
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
    ["digits in other names", { otherNames: "Ún 2" }, "otherNames", "chỉ gồm chữ cái"],
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
    ["a person under 12", { "dateOfBirth-year": String(year - 11) }, "dateOfBirth", "dưới 12 tuổi"],
    [
      "a 2012 birth date on the 'for myself, 18 or over' path",
      { "dateOfBirth-year": "2012", "dateOfBirth-month": "1", "dateOfBirth-day": "1" },
      "dateOfBirth",
      "cha, mẹ, người giám hộ",
    ],
    ["no sex", { sex: "" }, "sex", "Chọn giới tính"],
    ["an 11-digit ID number", { personalId: "01109012345" }, "personalId", "đúng 12 chữ số"],
    ["letters in the ID number", { personalId: "01109012345A" }, "personalId", "đúng 12 chữ số"],
    [
      "an ID card issued before birth",
      { "idIssueDate-day": "1", "idIssueDate-month": "1", "idIssueDate-year": "1985" },
      "idIssueDate",
      "sau ngày sinh",
    ],
    ["no residence given", { addressDetail: "" }, "addressDetail", "Nhập nơi cư trú"],
    [
      "markup in the address",
      { addressDetail: "<img src=x onerror=alert(1)>" },
      "addressDetail",
      "Chỉ dùng chữ, số",
    ],
    [
      "SQL in the address",
      { addressDetail: "1'; DROP TABLE registrations; --" },
      "addressDetail",
      "Chỉ dùng chữ, số",
    ],
    ["a phone that is not Vietnamese", { phone: "12345" }, "phone", "số điện thoại Việt Nam"],
    ["a father's age without his name", { fatherName: "" }, "fatherName", "Nhập họ và tên của cha"],
    ["an age that is not a number", { fatherAge: "sáu mươi" }, "fatherAge", "Tuổi phải là một số"],
    ["no answer on the criminal record", { criminalRecord: "" }, "criminalRecord", "tiền án"],
    [
      "a criminal record without a word",
      { criminalRecord: "yes", criminalRecordDetail: "" },
      "criminalRecordDetail",
      "Ghi ngắn gọn về tiền án",
    ],
    [
      "an administrative record without a word",
      { adminRecord: "yes", adminRecordDetail: "" },
      "adminRecordDetail",
      "Ghi ngắn gọn về tiền sự",
    ],
    ["no drug selected", { drugs: [] }, "drugs", "Chọn ít nhất một loại"],
    ["an unknown drug option", { drugs: ["sugar"] }, "drugs", "Chọn ít nhất một loại"],
    [
      "'another drug' without naming it",
      { drugs: ["other"], drugsOther: "" },
      "drugsOther",
      "Nhập loại ma túy khác",
    ],
    ["no method", { useMethods: [] }, "useMethods", "cách sử dụng"],
    ["a first use before birth", { firstUseYear: "1985" }, "firstUseYear", "sau năm sinh"],
    ["a first use in a 2-digit year", { firstUseYear: "15" }, "firstUseYear", "4 chữ số"],
    [
      "no answer on earlier treatment",
      { treatedBefore: "" },
      "treatedBefore",
      "đã từng hay chưa từng",
    ],
    [
      "'never treated' with compulsory treatment before",
      { treatedBefore: "no", compulsoryTimes: "1" },
      "compulsoryTimes",
      "Chưa từng",
    ],
    [
      "'never treated' with voluntary treatment before",
      { treatedBefore: "no", voluntaryTimes: "2" },
      "voluntaryTimes",
      "Chưa từng",
    ],
    ["'treated before' without a number", { treatedBefore: "yes" }, "voluntaryTimes", "ghi số lần"],
    [
      "after-care without any treatment",
      { afterCareTimes: "1" },
      "afterCareTimes",
      "Quản lý sau cai nghiện",
    ],
    [
      "no answer on substitution treatment",
      { substitution: "" },
      "substitution",
      "điều trị thay thế",
    ],
    [
      "a place of treatment the law does not offer voluntarily",
      { treatmentForm: "compulsory" },
      "treatmentForm",
      "nơi cai nghiện",
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
      "a child without the writer of the request",
      {
        repName: "",
        repRelationship: "",
        repPersonalId: "",
        repPhone: "",
        "repDateOfBirth-year": "",
        repSex: "",
        repAddress: "",
      },
      [
        "repName",
        "repRelationship",
        "repPersonalId",
        "repPhone",
        "repDateOfBirth",
        "repSex",
        "repAddress",
      ],
    ],
    [
      "a writer with the person's own ID number",
      { repPersonalId: "011210123456" },
      ["repPersonalId"],
    ],
    ["a writer with a bad phone", { repPhone: "0123" }, ["repPhone"]],
    [
      "a writer younger than the person",
      { "repDateOfBirth-year": String(year - 10) },
      ["repDateOfBirth"],
    ],
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

  it("a person without a stable residence is not asked the place: the payload says a public facility", async () => {
    const res = await submitJson(adult({ residence: "none", treatmentForm: "home" }));
    expect(res.status).toBe(201);
    const { reference } = await res.json<{ reference: string }>();
    expect((await stored(reference))!.treatment_form).toBe("facility");
  });

  it("a browser gets the check page again, with an error summary linking to the answer to change", async () => {
    const res = await postForm("/api/registrations", adult({ personalId: "123" }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/<title>Lỗi: /);
    expect(html).toContain(
      '<a href="#change-personalId">Số định danh cá nhân phải gồm đúng 12 chữ số</a>',
    );
    expect(html).toContain('name="fullName" value="Lò Văn Phềnh"'); // answers kept, as hidden fields
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

  it("SQL in the text fields is refused by the schema, or stored as text: never run", async () => {
    const before = { registrations: await count("registrations"), offices: await count("offices") };
    const refused = await submitJson(
      adult({
        fullName: "x'); DROP TABLE registrations;--",
        addressDetail: "'; DELETE FROM offices; --",
      }),
    );
    expect(refused.status).toBe(400);
    const fields = (await refused.json<{ fields: { field: string }[] }>()).fields;
    expect(fields.map((f) => f.field)).toEqual(
      expect.arrayContaining(["fullName", "addressDetail"]),
    );
    expect(await count("registrations")).toBe(before.registrations);
    // Quotes and brackets that names and addresses may hold are accepted, bound as values.
    const accepted = await submitJson(
      adult({ fullName: "O'Brien Lò", addressDetail: "Bản 1') OR ('1'-'1" }),
    );
    expect(accepted.status).toBe(201);
    expect(await count("registrations")).toBe(before.registrations + 1);
    expect(await count("offices")).toBe(before.offices);
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
      "Làm nương",
      "Lò Văn Pấng",
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
    expect(payloadSchema.safeParse(byOffice).success).toBe(true);
    expect(byOffice.v).toBe(2);
    expect(byOffice.person).toMatchObject({
      fullName: "Quàng Văn Thắng",
      phone: "0987654321",
      dateOfBirth: "1990-03-27",
    });
    expect(byOffice.person.id.personalId).toBe("011095777888");
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
      "Chưa gửi được hồ sơ trực tuyến",
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

describe("a registration started before the Mẫu 20/33 change is refused whole", () => {
  /** What the old check page posted: the working field list, no form version. */
  const oldFieldSet = () => ({
    lang: "vi",
    idempotencyKey: crypto.randomUUID(),
    registrant: "self",
    provinceCode: "11",
    communeCode: "03253",
    fullName: "Lò Văn Ún",
    "dateOfBirth-day": "27",
    "dateOfBirth-month": "3",
    "dateOfBirth-year": "1990",
    sex: "male",
    personalId: "011090123456",
    addressDetail: "Bản Quài Cang, số 12",
    drugs: ["opioids"],
    useDuration: "1-to-5-years",
    useMethods: ["smoke"],
    previousTreatment: ["none"],
    treatmentForm: "home",
    commitment: "yes",
    consent: "yes",
  });

  it("JSON: 409 with a clear message, and no row, no delivery", async () => {
    const [registrations, deliveries] = [await count("registrations"), await count("deliveries")];
    const res = await submitJson(oldFieldSet());
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      error: "form-version",
      message: expect.stringContaining("hãy bắt đầu lại"),
    });
    expect(await count("registrations")).toBe(registrations);
    expect(await count("deliveries")).toBe(deliveries);
  });

  it("a browser: the localized 'start again' page, the draft deleted, nothing written", async () => {
    const before = await count("registrations");
    const res = await postForm("/api/registrations", { ...oldFieldSet(), lang: "en" });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain("The form has changed: please start again");
    expect(html).toContain('href="/en/register/"');
    expect(res.headers.getSetCookie().join("\n")).toMatch(/lv_draft0=; .*Max-Age=0/);
    expect(await count("registrations")).toBe(before);
  });

  it("another form version (a newer or older page) is refused the same way", async () => {
    const res = await submitJson(adult({ formVersion: "1" }));
    expect(res.status).toBe(409);
  });
});

describe("what the family saw, the officer sees", () => {
  it("the ID/birth-year warning and an old determination travel in the encrypted payload", async () => {
    const res = await submitJson(
      adult({
        personalId: "011185123456", // the 4th-6th digits say a man born in 1985; the answer says 1990
        "determinationDate-year": String(new Date().getUTCFullYear() - 1),
      }),
    );
    expect(res.status).toBe(201);
    const { reference } = await res.json<{ reference: string }>();
    const envelope = JSON.parse((await stored(reference))!.envelope!) as ItemEnvelope;
    const payload = JSON.parse(
      utf8.decode(
        await openItem(envelope, ctx(reference), office.keys.kid, office.keys.encryption!),
      ),
    );
    expect(payload.warnings).toEqual({ idBirthYear: true, determinationOld: true });
  });
});

describe("the receipt in H'Mông, Thái and Khmer", () => {
  it.each(["hmn", "blt", "km"])(
    "%s: no English words; Vietnamese fallback marked lang=vi; the status page's address to print",
    async (lang) => {
      const sent = await submitJson(adult({ lang }));
      const { reference } = await sent.json<{ reference: string }>();
      // Right after sending, the sending browser holds the one-time receipt cookie.
      const res = await request(`/${lang}/register/receipt/${reference}/`, {
        headers: { Cookie: receiptCookie(sent) },
      });
      expect(res.status).toBe(200);
      const html = await res.text();
      for (const english of ["bookmark", "(Print)", "browser", "Print the receipt"])
        expect(html).not.toContain(english);
      expect(html).toMatch(/<li data-slot="due" lang="vi">[^<]*24 giờ/);
      expect(html).toContain(`>${origin}/${lang}/register/status/</span>`);
      expect(html).toMatch(/data-route="police"[^>]*>/);
      expect(html).not.toContain('data-route="accepted"');
    },
  );
});

describe("a province that accepts Lối Về as its online channel (its settings say so, with a source)", () => {
  const accepting = workerEnv({
    PROVINCE_SETTINGS: JSON.stringify({
      "11": {
        acceptsOnlineChannel: { value: true, source: { title: "Văn bản thử nghiệm của tỉnh" } },
      },
    }),
  });
  const call = async (path: string, init: RequestInit = {}) => {
    const ctx = createExecutionContext();
    const res = await app.request(new URL(path, origin).href, init, accepting, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  };

  it("the receipt and the status page say so, and name the source", async () => {
    const res = await call("/api/registrations", {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: origin },
      body: JSON.stringify(adult()),
    });
    const { reference, statusCode } = await res.json<{ reference: string; statusCode: string }>();
    const receipt = await (
      await call(`/vi/register/receipt/${reference}/`, { headers: { Cookie: receiptCookie(res) } })
    ).text();
    expect(receipt).toContain("Tỉnh này nhận Lối Về là một kênh đăng ký trực tuyến.");
    expect(receipt).toContain("Nguồn: Văn bản thử nghiệm của tỉnh");
    expect(receipt).not.toContain('data-route="police"');
    const status = await (
      await call("/vi/register/status/", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
        body: new URLSearchParams({ reference, statusCode }).toString(),
      })
    ).text();
    expect(status).toContain("Tỉnh này nhận Lối Về là một kênh đăng ký trực tuyến.");
  });

  it("elsewhere the pages say the commune police will contact the family", async () => {
    const sent = await submitJson(adult());
    const { reference } = await sent.json<{ reference: string }>();
    const receipt = await (
      await request(`/vi/register/receipt/${reference}/`, {
        headers: { Cookie: receiptCookie(sent) },
      })
    ).text();
    expect(receipt).toContain("Công an sẽ liên hệ để bạn hoàn thiện hồ sơ");
    expect(receipt).not.toContain("Tỉnh này nhận Lối Về");
  });
});
