/** The registration journey without JavaScript: each step's POST answers with the right page. */
import { beforeAll, describe, expect, it } from "vitest";
import { adult, child, enrollOffice, enrollProvince, postForm } from "./support.ts";

beforeAll(async () => {
  await enrollOffice("03253");
  await enrollProvince("11");
});

/** The answers of the steps before `step`, as the pages carry them. */
function answersUpTo(all: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(all).filter(([k]) => fields.includes(k)));
}
const who = ["registrant"],
  place = [...who, "provinceCode"],
  commune = [...place, "communeCode"];
const person = [
  ...commune,
  "fullName",
  "dateOfBirth-day",
  "dateOfBirth-month",
  "dateOfBirth-year",
  "sex",
  "personalId",
  "addressDetail",
  "phone",
];

const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "";
const actionOf = (html: string) =>
  /<form[^>]*data-form[^>]*action="([^"]+)"/.exec(html)?.[1] ??
  /<form[^>]*action="([^"]+)"[^>]*data-form/.exec(html)?.[1];

describe("each step answers with the next", () => {
  it("who → place, carrying the answer in a hidden field", async () => {
    const res = await postForm("/vi/register/place/", {
      _from: "who",
      lang: "vi",
      registrant: "self",
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(titleOf(html)).toContain("tỉnh, thành phố nào");
    expect(html).toContain('<input type="hidden" name="registrant" value="self">');
    expect(actionOf(html)).toBe("/vi/register/commune/");
  });

  it("place → commune, offering only that province's communes", async () => {
    const html = await (
      await postForm("/vi/register/commune/", {
        _from: "place",
        lang: "vi",
        registrant: "self",
        provinceCode: "11",
      })
    ).text();
    expect(html).toContain('<option value="03253">Xã Tuần Giáo</option>');
    expect(html).not.toContain('value="02536"'); // Sơn Dương is in Tuyên Quang
    expect(html).toContain('href="/vi/where-to-go/dien-bien/former-names/"');
  });

  it("an adult skips the representative step; a child gets it", async () => {
    const adultNext = await (
      await postForm("/vi/register/representative/", {
        ...answersUpTo(adult(), person),
        _from: "person",
        lang: "vi",
      })
    ).text();
    expect(titleOf(adultNext)).toContain("Về việc sử dụng ma túy");
    const childNext = await (
      await postForm("/vi/register/drug-use/", {
        ...answersUpTo(child(), person),
        _from: "person",
        lang: "vi",
      })
    ).text();
    expect(titleOf(childNext)).toContain("người đại diện hợp pháp");
  });

  it("under 12 → guidance instead of a form", async () => {
    const html = await (
      await postForm("/vi/register/place/", { _from: "who", lang: "vi", registrant: "under12" })
    ).text();
    expect(titleOf(html)).toContain("không dành cho trẻ dưới 12 tuổi");
  });

  it("the consent step → the check page, with every answer read back and a fresh idempotency key", async () => {
    const all = adult();
    const html = await (await postForm("/vi/register/check/", { ...all, _from: "consent" })).text();
    expect(titleOf(html)).toContain("Kiểm tra câu trả lời");
    expect(html).toContain("Lò Văn Ún");
    expect(html).toContain("27/03/1990");
    expect(html).toContain("Xã Tuần Giáo");
    expect(html).toContain("Heroin hoặc chất dạng thuốc phiện khác");
    expect(html).toMatch(/<input type="hidden" name="idempotencyKey" value="[0-9a-f-]{36}">/);
    expect(html).not.toContain('data-show-when="child"'); // no representative section for an adult
  });
});

describe("errors: the same page, an error summary, the answers kept", () => {
  it("a missing answer", async () => {
    const res = await postForm("/vi/register/commune/", {
      _from: "place",
      lang: "vi",
      registrant: "self",
      provinceCode: "",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(titleOf(html)).toMatch(/^Lỗi: /);
    expect(html).toContain('<a href="#provinceCode">Chọn tỉnh, thành phố nơi người đó sống</a>');
    expect(html).toMatch(/class="form-group form-group--error" data-field="provinceCode"/);
  });

  it("a wrong date keeps what was typed and links the summary to the day box", async () => {
    const all = {
      ...answersUpTo(adult(), person),
      "dateOfBirth-day": "31",
      "dateOfBirth-month": "2",
      _from: "person",
      lang: "en",
    };
    const html = await (await postForm("/en/register/drug-use/", all)).text();
    expect(titleOf(html)).toMatch(/^Error: /);
    expect(html).toContain(
      '<a href="#dateOfBirth-day">The date of birth must be a real date, for example 27 3 2001</a>',
    );
    expect(html).toMatch(/name="dateOfBirth-day"[^>]*value="31"/);
    expect(html).toMatch(/name="fullName"[^>]*value="Lò Văn Ún"/);
  });

  it("a tampered earlier answer sends the reader back to that step", async () => {
    const all = {
      ...answersUpTo(adult(), person),
      communeCode: "99999",
      _from: "person",
      lang: "vi",
    };
    const html = await (await postForm("/vi/register/drug-use/", all)).text();
    expect(titleOf(html)).toContain("Ở xã, phường, đặc khu nào?");
    expect(html).toContain('<a href="#communeCode">');
  });
});

describe("the check page where a province enables Turnstile (08 in these tests)", () => {
  it("loads the check, and tells readers without JavaScript to register in person instead", async () => {
    const html = await (
      await postForm("/vi/register/check/", {
        ...adult({ provinceCode: "08", communeCode: "02536" }),
        _from: "consent",
      })
    ).text();
    expect(html).toContain('<script src="https://challenges.cloudflare.com/turnstile/v0/api.js"');
    expect(html).toMatch(
      /<noscript><div class="notice notice--warn"><p>Tỉnh của bạn dùng một bước kiểm tra chống gửi tự động, và bước này cần JavaScript\. [^<]*đăng ký trực tiếp/,
    );
  });

  it("the notice falls back to Vietnamese, marked as such, where a language lacks it", async () => {
    const html = await (
      await postForm("/hmn/register/check/", {
        ...adult({ provinceCode: "08", communeCode: "02536", lang: "hmn" }),
        _from: "consent",
      })
    ).text();
    expect(html).toContain('<noscript><div class="notice notice--warn"><p lang="vi">Tỉnh của bạn');
  });

  it("is absent where the province has not enabled it", async () => {
    const html = await (
      await postForm("/vi/register/check/", { ...adult(), _from: "consent" })
    ).text();
    expect(html).not.toContain("challenges.cloudflare.com");
    expect(html).not.toContain('<noscript><div class="notice notice--warn">');
  });
});

describe("changing an answer from the check page", () => {
  it("opens that step, then comes back to the check page", async () => {
    const all = adult();
    const changePage = await (
      await postForm("/vi/register/person/", { ...all, _from: "check", _change: "person" })
    ).text();
    expect(titleOf(changePage)).toContain("Thông tin về người cai nghiện");
    expect(changePage).toContain('<input type="hidden" name="_return" value="check">');
    expect(actionOf(changePage)).toBe("/vi/register/check/");
    const back = await (
      await postForm("/vi/register/check/", {
        ...all,
        fullName: "Lò Văn Ún Mới",
        _from: "person",
        _return: "check",
      })
    ).text();
    expect(titleOf(back)).toContain("Kiểm tra câu trả lời");
    expect(back).toContain("Lò Văn Ún Mới");
  });

  it("a change that now needs another question asks it before returning", async () => {
    const all = {
      ...adult(),
      registrant: "child",
      "dateOfBirth-year": String(new Date().getUTCFullYear() - 15),
    };
    const html = await (
      await postForm("/vi/register/check/", { ...all, _from: "person", _return: "check" })
    ).text();
    expect(titleOf(html)).toContain("người đại diện hợp pháp");
  });

  it("Back carries the answers without checking them", async () => {
    const html = await (
      await postForm("/vi/register/who/", {
        _nav: "back",
        registrant: "self",
        provinceCode: "",
        lang: "vi",
        _from: "place",
      })
    ).text();
    expect(titleOf(html)).toContain("Bạn đăng ký cho ai?");
    expect(html).toMatch(/value="self"[^>]*checked/);
  });
});
