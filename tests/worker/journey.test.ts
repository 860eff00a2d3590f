/**
 * The registration journey without JavaScript, in workerd: post/redirect/get with the draft sealed
 * in cookies. Each step answers a POST with a 303; the next GET reads the draft. Back, the
 * language picker and "Change" keep the answers; mistakes show on the step where they are made;
 * printing and refusing store nothing; sending deletes the draft.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  count,
  enrollOffice,
  enrollProvince,
  everythingStored,
  formBody,
  origin,
  request,
} from "./support.ts";
import { adultAnswers, childAnswers } from "../fixtures/registrants.ts";
import { formVersion, steps } from "../../site/src/core/schemas/registration/fields.ts";
import { controlsOf } from "../../site/src/core/schemas/registration/fields.ts";
import { journeySteps } from "../../site/src/core/domain/registration/journey.ts";
import { fromBase64Url } from "../../site/src/core/domain/crypto/encoding.ts";

beforeAll(async () => {
  await enrollOffice("03253");
  await enrollProvince("11");
});

/** A browser without JavaScript: it keeps cookies, posts forms and follows nothing by itself. */
class Browser {
  cookies = new Map<string, string>();
  constructor(readonly base = origin) {}

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, value] = [
        pair!.slice(0, pair!.indexOf("=")),
        pair!.slice(pair!.indexOf("=") + 1),
      ];
      if (/Max-Age=0/.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  async get(path: string): Promise<Response> {
    const res = await request(new URL(path, this.base).href, {
      headers: { Cookie: this.cookieHeader() },
    });
    this.remember(res);
    return res;
  }
  async post(path: string, fields: Record<string, unknown>): Promise<Response> {
    const res = await request(new URL(path, this.base).href, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: new URL(this.base).origin,
        Cookie: this.cookieHeader(),
      },
      body: formBody({ formVersion, ...fields }),
      redirect: "manual",
    });
    this.remember(res);
    return res;
  }
  /** Posts a step and follows its 303, as a browser does. */
  async answer(lang: string, step: string, fields: Record<string, unknown>) {
    const res = await this.post(`/${lang}/register/${step}/`, fields);
    expect(res.status).toBe(303);
    const location = res.headers.get("Location")!;
    const page = await this.get(location);
    return { location, html: await page.text(), status: page.status };
  }
}

const stepFields = (answers: Record<string, unknown>, stepId: string) => {
  const step = steps.find((s) => s.id === stepId)!;
  const names = new Set(step.fields.flatMap(controlsOf));
  return Object.fromEntries(Object.entries(answers).filter(([k]) => names.has(k)));
};
const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "";

/** Walks every step of this person's path; returns the check page. */
async function walk(browser: Browser, answers: Record<string, string | string[]>, lang = "vi") {
  let last = { location: "", html: "", status: 0 };
  for (const step of journeySteps(answers))
    last = await browser.answer(lang, step.id, stepFields(answers, step.id));
  return last;
}

describe("post/redirect/get", () => {
  it("each step answers 303 to the next, with the draft sealed in HttpOnly, SameSite=Strict cookies", async () => {
    const browser = new Browser();
    const res = await browser.post("/vi/register/who/", { registrant: "self" });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/vi/register/determination/");
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("lv_draft0="))!;
    expect(cookie).toMatch(/; Path=\/; HttpOnly; SameSite=Strict; Max-Age=7200$/);
    expect(cookie).not.toContain("Secure"); // plain http here; https below
    expect(cookie).not.toContain("self");
    const page = await browser.get("/vi/register/determination/");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Bước 2 trên 13");
  });

  it("over https the cookie is Secure too", async () => {
    const browser = new Browser("https://loi-ve.example.org");
    const res = await browser.post("/vi/register/who/", { registrant: "self" });
    expect(res.headers.getSetCookie()[0]).toMatch(/; Secure$/);
  });

  it("a whole adult journey ends on the check page with every answer and one kept idempotency key", async () => {
    const browser = new Browser();
    const { location, html } = await walk(browser, adultAnswers());
    expect(location).toBe("/vi/register/check/");
    expect(titleOf(html)).toContain("Kiểm tra câu trả lời");
    for (const shown of [
      "Lò Văn Phềnh",
      "27/03/1990",
      "Xã Tuần Giáo",
      "Điện Biên",
      "Làm nương",
      "Tại gia đình, cộng đồng",
      "Bước 13 trên 13",
    ])
      expect(html).toContain(shown);
    const key = /name="idempotencyKey" value="([0-9a-f-]{36})"/.exec(html)?.[1];
    expect(key).toBeDefined();
    // A reload of the check page keeps the same key (a retried send makes one registration).
    const again = await (await browser.get("/vi/register/check/")).text();
    expect(again).toContain(`name="idempotencyKey" value="${key}"`);
    // The channel: the file goes to the commune police, who contact the family.
    expect(html).toContain("Công an sẽ liên hệ để bạn hoàn thiện hồ sơ");
    expect(html).not.toContain("Tỉnh này nhận Lối Về là một kênh");
  });

  it("the draft holds nothing readable, and nothing is stored on the server before sending", async () => {
    const before = await count("registrations");
    const browser = new Browser();
    await walk(browser, adultAnswers({ fullName: "Người Chưa Gửi" }));
    const sealed = fromBase64Url([...browser.cookies.values()].join(""));
    const name = new TextEncoder().encode("Người Chưa Gửi");
    const text = String.fromCharCode(...sealed);
    expect(text).not.toContain(String.fromCharCode(...name));
    expect(text).not.toContain("011090123456");
    expect(await count("registrations")).toBe(before);
    expect(await everythingStored()).not.toContain("Người Chưa Gửi");
  });

  it("a 15-year-old's path adds the writer's step; the family step then offers the father's name", async () => {
    const browser = new Browser();
    const raw = childAnswers(new Date(), { fatherName: "", fatherAddress: "" });
    const path = journeySteps(raw).map((s) => s.id);
    expect(path).toContain("writer");
    let page = { location: "", html: "", status: 0 };
    for (const step of path.slice(0, path.indexOf("family")))
      page = await browser.answer("vi", step, stepFields(raw, step));
    expect(page.location).toBe("/vi/register/family/");
    expect(page.html).toMatch(/name="fatherName"[^>]*value="Giàng A Chứ"/);
    expect(page.html).toContain("Bước 8 trên 14");
    expect(page.html).not.toContain('name="spouseName"'); // not asked of a 15-year-old
  });
});

describe("each mistake shows on the step where the answer is given", () => {
  it("a 2012 birth date on the 'for myself, 18 or over' path: back to the person step, with the error", async () => {
    const browser = new Browser();
    const raw = adultAnswers({
      "dateOfBirth-year": "2012",
      "dateOfBirth-month": "1",
      "dateOfBirth-day": "1",
    });
    for (const step of ["who", "determination", "place", "commune"])
      await browser.answer("vi", step, stepFields(raw, step));
    const { location, html } = await browser.answer("vi", "person", stepFields(raw, "person"));
    expect(location).toBe("/vi/register/person/");
    expect(titleOf(html)).toMatch(/^Lỗi: /);
    expect(html).toContain('<a href="#dateOfBirth-day">Người dưới 18 tuổi do cha, mẹ');
    expect(html).toMatch(/name="dateOfBirth-year"[^>]*value="2012"/);
    expect(html).toMatch(/name="fullName"[^>]*value="Lò Văn Phềnh"/);
    // The error is read with the date boxes and the group.
    expect(html).toMatch(
      /<fieldset role="group" aria-describedby="hint-dateOfBirth error-dateOfBirth"/,
    );
  });

  it("an empty writer for a 15-year-old: on the writer step", async () => {
    const browser = new Browser();
    const raw = childAnswers();
    for (const step of ["who", "determination", "place", "commune", "person"])
      await browser.answer("vi", step, stepFields(raw, step));
    const { location, html } = await browser.answer("vi", "writer", {});
    expect(location).toBe("/vi/register/writer/");
    expect(html).toContain('<a href="#repName">Nhập họ và tên của bạn</a>');
    expect(html).toContain('<a href="#repRelationship">');
  });

  it("'never treated' with compulsory treatment before: on the treatment-history step", async () => {
    const browser = new Browser();
    const raw = adultAnswers({ treatedBefore: "no", compulsoryTimes: "1" });
    const path = journeySteps(raw).map((s) => s.id);
    for (const step of path.slice(0, path.indexOf("treatment-history")))
      await browser.answer("vi", step, stepFields(raw, step));
    const { location, html } = await browser.answer(
      "vi",
      "treatment-history",
      stepFields(raw, "treatment-history"),
    );
    expect(location).toBe("/vi/register/treatment-history/");
    expect(html).toContain('<a href="#compulsoryTimes">Bạn đã chọn &quot;Chưa từng&quot;');
  });

  it("a step posted with earlier answers missing (an expired draft) goes back to the first unanswered step", async () => {
    const browser = new Browser();
    const { location } = await browser.answer("vi", "record", stepFields(adultAnswers(), "record"));
    expect(location).toBe("/vi/register/who/");
  });
});

describe("answers are kept", () => {
  it("Back saves the step without checking it and goes to the previous step", async () => {
    const browser = new Browser();
    await browser.answer("vi", "who", { registrant: "self" });
    const res = await browser.post("/vi/register/determination/", {
      _nav: "back",
      determination: "no",
    });
    expect(res.headers.get("Location")).toBe("/vi/register/who/");
    const page = await (await browser.get("/vi/register/determination/")).text();
    expect(page).toMatch(/value="no"[^>]*checked/);
  });

  it("the language picker: the same step in English, with the answers", async () => {
    const browser = new Browser();
    const raw = adultAnswers();
    for (const step of ["who", "determination", "place", "commune", "person"])
      await browser.answer("vi", step, stepFields(raw, step));
    const html = await (await browser.get("/en/register/person/")).text();
    expect(titleOf(html)).toContain("About the person");
    expect(html).toMatch(/name="fullName"[^>]*value="Lò Văn Phềnh"/);
    expect(html).toContain("Step 5 of 13");
    const commune = await (await browser.get("/en/register/commune/")).text();
    expect(commune).toContain('<option value="03253" selected>Xã Tuần Giáo</option>');
  });

  it("Change from the check page opens the step and comes back to the check page", async () => {
    const browser = new Browser();
    await walk(browser, adultAnswers());
    const res = await browser.post("/vi/register/person/", { _change: "person" });
    expect(res.headers.get("Location")).toBe("/vi/register/person/");
    const { location, html } = await browser.answer(
      "vi",
      "person",
      stepFields(adultAnswers({ fullName: "Lò Văn Đúng" }), "person"),
    );
    expect(location).toBe("/vi/register/check/");
    expect(html).toContain("Lò Văn Đúng");
  });

  it("a change that opens a new question asks it before returning (now registering a 15-year-old)", async () => {
    const browser = new Browser();
    await walk(browser, adultAnswers());
    await browser.post("/vi/register/who/", { _change: "who" });
    const who = await browser.answer("vi", "who", { registrant: "child" });
    // The person step now fails (an adult's birth date on the 12-17 path): asked there, with the error.
    expect(who.location).toBe("/vi/register/person/");
  });
});

describe("the draft is deleted", () => {
  it("on 'start again'", async () => {
    const browser = new Browser();
    await browser.answer("vi", "who", { registrant: "self" });
    expect(browser.cookies.size).toBeGreaterThan(0);
    const res = await browser.post("/vi/register/restart/", {});
    expect(res.headers.get("Location")).toBe("/vi/register/");
    expect(browser.cookies.size).toBe(0);
    const check = await (await browser.get("/vi/register/check/")).text();
    expect(check).toMatch(/data-toggle="noDraft"(?![^>]*hidden)/);
  });

  it("on sending: 303 to the receipt, and the cookies expire", async () => {
    const browser = new Browser();
    const { html } = await walk(browser, adultAnswers());
    const hidden = Object.fromEntries(
      [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
        m[1],
        m[2],
      ]),
    );
    const answers: Record<string, unknown> = {};
    for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
      const value = m[2]!
        .replace(/&amp;/g, "&")
        .replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"');
      answers[m[1]!] = m[1]! in answers ? [answers[m[1]!], value].flat() : value;
    }
    void hidden;
    const res = await browser.post("/api/registrations", { ...answers, lang: "vi" });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toMatch(/^\/vi\/register\/receipt\/[2-9A-Z]{11}\/$/);
    expect([...browser.cookies.keys()].filter((k) => k.startsWith("lv_draft"))).toEqual([]);
  });

  it("a tampered draft counts as none", async () => {
    const browser = new Browser();
    await browser.answer("vi", "who", { registrant: "self" });
    const value = browser.cookies.get("lv_draft0")!;
    browser.cookies.set(
      "lv_draft0",
      value.slice(0, -4) + (value.endsWith("AAAA") ? "BBBB" : "AAAA"),
    );
    const html = await (await browser.get("/vi/register/who/")).text();
    expect(html).not.toMatch(/value="self"[^>]*checked/);
  });
});

describe("a page from before the Mẫu 20/33 change", () => {
  it("is refused with the localized 'start again' page; the draft is deleted; nothing is stored", async () => {
    const browser = new Browser();
    await browser.answer("vi", "who", { registrant: "self" });
    const before = await count("registrations");
    // The old step page posted to the next step, with _from and no form version.
    const res = await request(`${origin}/hmn/register/drug-use/`, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: origin,
        Cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
      },
      body: formBody({
        _from: "person",
        registrant: "self",
        fullName: "Lò Văn Ún",
        useDuration: "unknown",
      }),
    });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('<html lang="hmn"');
    expect(html).toContain("Biểu mẫu đã thay đổi"); // falls back to Vietnamese, marked
    expect(res.headers.getSetCookie().some((c) => /^lv_draft0=; .*Max-Age=0/.test(c))).toBe(true);
    expect(await count("registrations")).toBe(before);
  });
});

describe("printing Mẫu 20 and Mẫu 33 without JavaScript", () => {
  it("renders both forms from the draft, names in capitals, the unknown parts marked; stores nothing", async () => {
    const before = await everythingStored();
    const browser = new Browser();
    await walk(browser, adultAnswers({ fullName: "Lò Văn In", otherNames: "Ún" }));
    const html = await (await browser.get("/vi/register/print/")).text();
    expect(html).toContain("ĐƠN XIN ĐI CAI NGHIỆN MA TÚY TỰ NGUYỆN");
    expect(html).toContain("BẢN TÓM TẮT LÝ LỊCH");
    expect(html).toContain("LÒ VĂN IN");
    expect(html).toContain("Kính gửi: Trưởng Công an xã Tuần Giáo");
    expect(html).toContain("chưa được xác minh");
    expect(html).toContain("☒</span> Tại gia đình, cộng đồng");
    const after = await everythingStored();
    expect(after).not.toContain("Lò Văn In");
    expect(after.length).toBe(before.length);
  });

  it("for a 15-year-old, the signature is the parent's or guardian's", async () => {
    const browser = new Browser();
    await walk(browser, childAnswers());
    const html = await (await browser.get("/vi/register/print/")).text();
    expect(html).toContain("Người viết đơn (cha, mẹ, người giám hộ hoặc người đại diện hợp pháp)");
    expect(html).toContain(
      'Quan hệ với người tự nguyện cai nghiện:</span> <span class="form-answer">Cha (bố)',
    );
    expect(html).not.toContain("<strong>Người khai</strong>");
  });
});
