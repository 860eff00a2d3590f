/**
 * Staff training without JavaScript, in workerd: the quiz posts score the same as the shared
 * function, the feedback page shows each answer, a pass lets the learner ask for a certificate
 * that the built site's key verifies, a fail or a bad name does not; nothing is stored, and
 * nothing personal is logged.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:test";
import { everythingStored, postForm, request } from "./support.ts";
import type { TrainingCatalog } from "../../site/src/core/domain/training/catalog.ts";
import { lawVersions } from "../../site/src/core/domain/training/catalog.ts";
import { scoreAnswers } from "../../site/src/core/domain/quiz/score.ts";
import { verifyCertificate } from "../../site/src/core/domain/certificates/certificate.ts";

let catalog: TrainingCatalog;
const slug = "police-24-hours";
beforeAll(async () => {
  const res = await env.ASSETS.fetch(new Request("http://127.0.0.1:8787/training/catalog.json"));
  catalog = (await res.json()) as TrainingCatalog;
});
afterEach(() => vi.restoreAllMocks());

const answersFields = (answers: (number | undefined)[]) =>
  Object.fromEntries(
    answers.flatMap((a, i) => (a === undefined ? [] : [[`q${i}`, String(a)]])),
  ) as Record<string, string>;

const slotText = (html: string, slot: string) =>
  new RegExp(`data-slot="${slot}"[^>]*>([^<]*)<`).exec(html)?.[1];

describe("the quiz without JavaScript", () => {
  it("the catalog lists every module with its answer key and law version", () => {
    expect(Object.keys(catalog.modules).length).toBeGreaterThanOrEqual(12);
    const m = catalog.modules[slug]!;
    expect(m.key.length).toBeGreaterThanOrEqual(8);
    expect(m.law).toMatch(/^law-120-2025\+decree-163-2026@\d{4}-\d{2}-\d{2}$/);
  });

  it("before the reading: the module page again, with the score carried to the post-test", async () => {
    const m = catalog.modules[slug]!;
    const answers = m.key.map((k, i) => (i < 3 ? k : undefined));
    const res = await postForm(`/vi/training/${slug}/check/`, {
      phase: "pre",
      ...answersFields(answers),
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(slotText(html, "pre-score")).toBe(`Điểm trước khi đọc: 3/${m.key.length}.`);
    expect(html).toContain('<input type="hidden" name="pre" value="3">');
    expect(html).toMatch(/id="pre-result" class="notice" data-show-when="pre-done"(?! hidden)/);
  });

  it.each(["vi", "en"])(
    "after the module (%s): the feedback page with the same score as the shared function, each answer, and the comparison",
    async (lang) => {
      for (const [moduleSlug, m] of Object.entries(catalog.modules)) {
        // Right, wrong and unanswered questions, different for every module.
        const answers = m.key.map((k, i) =>
          i === 1 ? undefined : i % 3 === 0 ? (k + 1) % m.optionCounts[i]! : k,
        );
        const res = await postForm(`/${lang}/training/${moduleSlug}/check/`, {
          phase: "post",
          pre: "2",
          ...answersFields(answers),
        });
        expect(res.status, moduleSlug).toBe(200);
        const html = await res.text();
        const score = scoreAnswers(m.key, answers);
        expect(slotText(html, "score"), moduleSlug).toContain(`${score}/${m.key.length}`);
        expect(slotText(html, "compare"), moduleSlug).toContain(`2/${m.key.length}`);
        // The answer given to question 0 is shown, marked wrong; question 1 unanswered.
        expect(html).toMatch(/data-show-when="q0-wrong"(?! hidden)/);
        expect(html).toMatch(/data-show-when="q1-none"(?! hidden)/);
        expect(html).not.toContain('data-show-when="q2-wrong"');
      }
    },
  );

  it("a pass carries the answers into the certificate request; a fail does not offer it", async () => {
    const m = catalog.modules[slug]!;
    const pass = await (
      await postForm(`/vi/training/${slug}/check/`, { phase: "post", ...answersFields(m.key) })
    ).text();
    expect(slotText(pass, "band")).toBe("Đạt loại giỏi");
    expect(pass).toContain(`<input type="hidden" name="q0" value="${m.key[0]}">`);
    expect(pass).toMatch(/action="\/vi\/training\/police-24-hours\/certificate\/"/);
    const fail = await (
      await postForm(`/vi/training/${slug}/check/`, { phase: "post", q0: String(m.key[0]) })
    ).text();
    expect(fail).not.toContain('id="certificate-request"');
    expect(fail).toMatch(/data-show-when="not-passed"(?! hidden)/);
  });

  it("repeated or out-of-range answers count as unanswered, never as an error", async () => {
    const m = catalog.modules[slug]!;
    const body = new URLSearchParams({ phase: "post", q0: "9", q1: "x" });
    body.append("q2", "0");
    body.append("q2", "1");
    const res = await request(`/vi/training/${slug}/check/`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: body.toString(),
    });
    expect(res.status).toBe(200);
    expect(slotText(await res.text(), "score")).toBe(`Điểm sau khi học: 0/${m.key.length}.`);
  });

  it("the check address opened directly (a bookmark, a reload) goes back to the module", async () => {
    const res = await request(`/vi/training/${slug}/check/`);
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`/vi/training/${slug}/`);
  });

  it("an unknown module or a language without modules is the 404 page", async () => {
    expect((await postForm("/vi/training/no-such-module/check/", { phase: "post" })).status).toBe(
      404,
    );
    expect((await postForm(`/hmn/training/${slug}/check/`, { phase: "post" })).status).toBe(404);
  });
});

describe("certificates", () => {
  it("a learner who passes gets a signed certificate that the built site's key verifies", async () => {
    const m = catalog.modules[slug]!;
    const log = vi.spyOn(console, "log");
    const error = vi.spyOn(console, "error");
    const before = await everythingStored();
    const res = await postForm(`/vi/training/${slug}/certificate/`, {
      name: "  Hoàng   Văn Thụ ",
      ...answersFields(m.key),
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(slotText(html, "name")).toBe("Hoàng Văn Thụ");
    const code = slotText(html, "code")!;
    expect(code).toMatch(/^LV1\./);
    const result = await verifyCertificate(code, catalog.trust, lawVersions(catalog));
    expect(result.status).toBe("valid");
    expect(result.payload).toMatchObject({
      name: "Hoàng Văn Thụ",
      module: slug,
      law: m.law,
      band: "distinction",
      env: catalog.trust.env,
    });
    // Stores nothing, logs nothing of the learner.
    expect(await everythingStored()).toBe(before);
    const logged = [...log.mock.calls, ...error.mock.calls].flat().map(String).join("\n");
    expect(logged).not.toContain("Thụ");
  });

  it("answers below the pass mark get no certificate", async () => {
    const m = catalog.modules[slug]!;
    const wrong = m.key.map((k, i) => (k + 1) % m.optionCounts[i]!);
    const res = await postForm(`/vi/training/${slug}/certificate/`, {
      name: "Hoàng Văn Thụ",
      ...answersFields(wrong),
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/data-show-when="not-passed"(?! hidden)/);
    expect(slotText(html, "code")).toBeUndefined();
  });

  it("a missing name answers with the form, the error and the answers kept", async () => {
    const m = catalog.modules[slug]!;
    const res = await postForm(`/en/training/${slug}/certificate/`, {
      name: " ",
      ...answersFields(m.key),
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Enter your full name");
    expect(html).toMatch(/<title>Error: /);
    expect(html).toContain(`<input type="hidden" name="q${m.key.length - 1}"`);
  });

  it("a Worker without the signing key issues nothing and says so", async () => {
    const m = catalog.modules[slug]!;
    const saved = env.CERT_SIGNING_KEY;
    (env as { CERT_SIGNING_KEY?: string }).CERT_SIGNING_KEY = undefined;
    try {
      const res = await postForm(`/vi/training/${slug}/certificate/`, {
        name: "Hoàng Văn Thụ",
        ...answersFields(m.key),
      });
      expect(res.status).toBe(503);
      expect(await res.text()).toMatch(/data-show-when="unavailable"(?! hidden)/);
    } finally {
      (env as { CERT_SIGNING_KEY?: string }).CERT_SIGNING_KEY = saved;
    }
  });
});

describe("verifying without JavaScript", () => {
  async function issue(name: string): Promise<string> {
    const m = catalog.modules[slug]!;
    const html = await (
      await postForm(`/vi/training/${slug}/certificate/`, { name, ...answersFields(m.key) })
    ).text();
    return slotText(html, "code")!;
  }

  it("a genuine certificate: valid, with its fields", async () => {
    const code = await issue("Lò Thị Mai");
    const html = await (await postForm("/en/training/verify/", { certificate: code })).text();
    expect(html).toMatch(/data-verify-status="valid"/);
    expect(html).not.toMatch(/data-verify-status="invalid"/);
    expect(slotText(html, "name")).toBe("Lò Thị Mai");
    expect(slotText(html, "law")).toContain("Law 120/2025/QH15 + Decree 163/2026/NĐ-CP");
  });

  it("a changed name: invalid, and the changed name is not shown", async () => {
    const code = await issue("Lò Thị Mai");
    const [p, body, sig] = code.split(".");
    const json = new TextDecoder().decode(
      Uint8Array.from(atob(body!.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0)),
    );
    const forgedBody = btoa(
      String.fromCharCode(...new TextEncoder().encode(json.replace("Lò Thị Mai", "Lò Thị Hoa"))),
    )
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
    const html = await (
      await postForm("/vi/training/verify/", { certificate: `${p}.${forgedBody}.${sig}` })
    ).text();
    expect(html).toMatch(/data-verify-status="invalid"/);
    expect(html).not.toMatch(/data-verify-status="valid"/);
    expect(html).not.toContain(">Lò Thị Hoa<");
  });

  it("an empty form: the error summary", async () => {
    const res = await postForm("/vi/training/verify/", { certificate: "" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Dán mã kiểm tra của giấy chứng nhận");
  });
});
