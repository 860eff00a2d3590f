/**
 * Staff training: the shared scoring, the content rules for every module (three tracks, at least
 * twelve modules, each complete in vi and en and passing the content checks), and certificates
 * (sign, verify, tampering with any field, an outdated law version, another environment's key).
 */
import { describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  answersFrom,
  correctIndex,
  passBand,
  scoreAnswers,
} from "../../site/src/core/domain/quiz/score.ts";
import { scoreQuiz } from "../../site/src/islands/Quiz.tsx";
import { trainingTracks, lawVersionId } from "../../site/src/core/schemas/training.ts";
import { certificateNameSchema } from "../../site/src/core/schemas/certificate.ts";
import {
  normalizeCode,
  signCertificate,
  verifyCertificate,
} from "../../site/src/core/domain/certificates/certificate.ts";
import { fromBase64Url, toBase64Url, utf8 } from "../../site/src/core/domain/crypto/encoding.ts";
import { lawVersionParts } from "../../site/src/core/domain/training/catalog.ts";
import { parseDevVars } from "../../site/src/lib/training/trust.ts";
import { checkContent } from "../../scripts/content-check.ts";
import { answerKey, keyPair, mixedAnswers, moduleFiles } from "../support/training.ts";

const vi = moduleFiles("vi");
const en = moduleFiles("en");

describe("scoring: one function for the island, the Worker and the offline pack", () => {
  it("counts right answers only", () => {
    expect(scoreAnswers([0, 1, 2, 1], [0, 1, 2, 1])).toBe(4);
    expect(scoreAnswers([0, 1, 2, 1], [0, 0, undefined, 1])).toBe(2);
    expect(scoreAnswers([0, 1], [])).toBe(0);
  });

  it("reads form fields: missing, repeated, out of range or not a number is unanswered", () => {
    const fields: Record<string, string> = { q0: "1", q1: "7", q2: "x", q3: "-1", q5: "2" };
    expect(answersFrom((n) => fields[n], [3, 3, 3, 3, 3, 3])).toEqual([
      1,
      undefined,
      undefined,
      undefined,
      undefined,
      2,
    ]);
  });

  it("pass bands: 75% passes, 90% is distinction, in whole numbers", () => {
    expect(passBand(5, 8)).toBeUndefined();
    expect(passBand(6, 8)).toBe("pass");
    expect(passBand(7, 8)).toBe("pass");
    expect(passBand(8, 8)).toBe("distinction");
    expect(passBand(6, 9)).toBeUndefined(); // 66.7%
    expect(passBand(7, 9)).toBe("pass");
    expect(passBand(8, 9)).toBe("pass"); // 88.9%
    expect(passBand(9, 9)).toBe("distinction");
    expect(passBand(0, 0)).toBeUndefined();
  });

  it("the quiz island scores every module exactly as the shared function", () => {
    for (const m of vi) {
      const answers = mixedAnswers(m.data);
      const questions = m.data.quiz.map((q) => ({ ...q, options: q.options }));
      expect(scoreQuiz(questions, answers)).toBe(scoreAnswers(answerKey(m.data), answers));
    }
  });
});

describe("the training content", () => {
  it(`has three tracks of at least 4 modules, at least 12 in all (${vi.length})`, () => {
    expect(vi.length).toBeGreaterThanOrEqual(12);
    for (const track of trainingTracks)
      expect(vi.filter((m) => m.data.track === track).length, track).toBeGreaterThanOrEqual(4);
  });

  it("every module exists in English, with the same answer key and scenario steps", () => {
    expect(en.map((m) => m.slug)).toEqual(vi.map((m) => m.slug));
    for (const [i, m] of vi.entries()) {
      const e = en[i]!;
      expect(answerKey(e.data), m.slug).toEqual(answerKey(m.data));
      expect(
        e.data.scenario.nodes.map((n) => n.id),
        m.slug,
      ).toEqual(m.data.scenario.nodes.map((n) => n.id));
      expect(lawVersionId(e.data.lawVersion)).toBe(lawVersionId(m.data.lawVersion));
    }
  });

  it.each([...vi, ...en].map((m) => [`${m.lang}/${m.slug}`, m] as const))(
    "%s: objectives, 8+ explained questions, a branching scenario with a model answer, a job aid, a law version",
    (_id, m) => {
      const d = m.data;
      expect(d.objectives.length).toBeGreaterThanOrEqual(2);
      expect(d.quiz.length).toBeGreaterThanOrEqual(8);
      for (const q of d.quiz) expect(q.explanation?.length).toBeGreaterThan(10);
      expect(d.scenario.nodes.some((n) => new Set(n.choices.map((c) => c.next)).size >= 2)).toBe(
        true,
      );
      expect(d.scenario.nodes.some((n) => n.modelAnswer)).toBe(true);
      expect(d.jobAid.sections.length).toBeGreaterThanOrEqual(2);
      expect(d.lawVersion.texts).toContain("law-120-2025");
      expect(d.lawVersion.texts).toContain("decree-163-2026");
    },
  );

  it("passes the content checks (schemas, claims, legal basis, repealed rules, stigma, links)", () => {
    const problems = checkContent("site/content", undefined, { repealedRules: true }).filter((p) =>
      /training|phrase-cards/.test(p.file),
    );
    expect(problems).toEqual([]);
  });

  it("the content check fails a module that cites a claim outside its legal basis, or a repealed rule", () => {
    const dir = mkdtempSync(join(tmpdir(), "train-content-"));
    try {
      cpSync("site/content", dir, { recursive: true });
      const file = join(dir, "training/vi/police-24-hours.mdx");
      const text = readFileSync(file, "utf8");
      writeFileSync(
        file,
        text
          .replace(
            "claims: [d163-95-facility-named]",
            "claims: [d163-95-facility-named, l120-45-rights]",
          )
          .replace('"Trong 7 ngày"', '"Trong 5 ngày làm việc"'),
      );
      const en = join(dir, "training/en/police-24-hours.mdx");
      // The English quiz moves the right answer: scores would differ between languages.
      writeFileSync(
        en,
        readFileSync(en, "utf8")
          .replace("        correct: true\n", "")
          .replace('- text: "7 days"\n', '- text: "7 days"\n        correct: true\n'),
      );
      const problems = checkContent(dir).map((p) => `${p.file}: ${p.message}`);
      expect(problems.some((p) => p.includes('cites "l120-45-rights"'))).toBe(true);
      expect(
        problems.some((p) => p.includes("en/police-24-hours") && /must match|exactly one/.test(p)),
      ).toBe(true);
      writeFileSync(file, text.replace('"Trong 7 ngày"', '"Trong 5 ngày làm việc"'));
      expect(
        checkContent(dir).some(
          (p) => p.message.includes("repealed") && p.message.includes("5 ngày"),
        ),
      ).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("certificates", () => {
  const fields = {
    name: "Nguyễn Thị Lan",
    module: "police-24-hours",
    law: "law-120-2025+decree-163-2026@2026-11-29",
    date: "2026-11-29",
    band: "pass" as const,
  };
  const modules = { "police-24-hours": fields.law };

  it("a signed certificate verifies, with its fields read from the signed text", async () => {
    const { privateJwk, trust } = await keyPair();
    const { code } = await signCertificate(privateJwk, "development", fields);
    const result = await verifyCertificate(code, trust, modules);
    expect(result.status).toBe("valid");
    expect(result.payload).toMatchObject(fields);
    // A printout copied by hand may gain spaces and line breaks.
    const spaced = code.replace(/(.{40})/g, "$1\n ");
    expect((await verifyCertificate(spaced, trust, modules)).status).toBe("valid");
    expect(normalizeCode(spaced)).toBe(code);
  });

  it.each(["name", "module", "law", "date", "band", "env", "kid", "v"])(
    "changing %s makes verification fail",
    async (field) => {
      const { privateJwk, trust } = await keyPair();
      const { code } = await signCertificate(privateJwk, "development", fields);
      const [prefix, body, sig] = code.split(".");
      const payload = JSON.parse(utf8.decode(fromBase64Url(body!))) as Record<string, unknown>;
      const changed: Record<string, unknown> = {
        name: "Nguyễn Thị Lam",
        module: "police-registration-file",
        law: "law-120-2025+decree-163-2026@2027-01-01",
        date: "2026-11-30",
        band: "distinction",
        env: "production",
        kid: "AAAAAAAAAAAAAAAA",
        v: 2,
      };
      payload[field] = changed[field];
      const forged = `${prefix}.${toBase64Url(utf8.encode(JSON.stringify(payload)))}.${sig}`;
      const result = await verifyCertificate(forged, trust, {
        ...modules,
        "police-registration-file": fields.law,
      });
      expect(["invalid", "other-issuer", "malformed"]).toContain(result.status);
      expect(result.payload).toBeUndefined();
    },
  );

  it("a changed signature, or text that is not a certificate, fails", async () => {
    const { privateJwk, trust } = await keyPair();
    const { code } = await signCertificate(privateJwk, "development", fields);
    const flipped = code.slice(0, -3) + (code.endsWith("A") ? "BBB" : "AAA");
    expect((await verifyCertificate(flipped, trust, modules)).status).toBe("invalid");
    expect((await verifyCertificate("hello", trust, modules)).status).toBe("malformed");
    expect((await verifyCertificate("LV1.!!.??", trust, modules)).status).toBe("malformed");
  });

  it("a module checked since against a newer law version marks older certificates as outdated", async () => {
    const { privateJwk, trust } = await keyPair();
    const { code } = await signCertificate(privateJwk, "development", fields);
    const result = await verifyCertificate(code, trust, {
      "police-24-hours": "law-120-2025+decree-163-2026@2027-06-01",
    });
    expect(result.status).toBe("outdated");
    expect(result.payload?.law).toBe(fields.law);
    expect((await verifyCertificate(code, trust, {})).status).toBe("unknown-module");
  });

  it("a development certificate never verifies on a production build, nor one signed by another key", async () => {
    const dev = await keyPair("development");
    const prod = await keyPair("production");
    const { code } = await signCertificate(dev.privateJwk, "development", fields);
    expect((await verifyCertificate(code, prod.trust, modules)).status).toBe("other-issuer");
    // Even the development key used by mistake in production: the certificate names its environment.
    const sameKeyProd = { ...dev.trust, env: "production" };
    expect((await verifyCertificate(code, sameKeyProd, modules)).status).toBe("other-issuer");
    const other = await keyPair("development");
    expect((await verifyCertificate(code, other.trust, modules)).status).toBe("other-issuer");
  });

  it("keeps the name as typed (NFC, spaces tidied) and refuses empty or marked-up names", () => {
    expect(certificateNameSchema.parse("  Nguyễn   Thị Lan ")).toBe("Nguyễn Thị Lan");
    expect(certificateNameSchema.parse("Nguye\u0302\u0303n Lan")).toBe("Nguyễn Lan");
    expect(certificateNameSchema.safeParse("   ").success).toBe(false);
    expect(certificateNameSchema.safeParse("<b>Lan</b>").success).toBe(false);
    expect(certificateNameSchema.safeParse("12345").success).toBe(false);
    expect(certificateNameSchema.safeParse("A".repeat(81)).success).toBe(false);
  });

  it("names the law version a certificate was checked against", () => {
    expect(
      lawVersionParts(fields.law, {
        "law-120-2025": "Luật 120/2025/QH15",
        "decree-163-2026": "Nghị định 163/2026/NĐ-CP",
      }),
    ).toEqual({ texts: "Luật 120/2025/QH15 + Nghị định 163/2026/NĐ-CP", date: "29/11/2026" });
  });

  it("reads the development key from .dev.vars lines", () => {
    expect(
      parseDevVars('A=1\nCERT_SIGNING_KEY={"kty":"EC","x":"a"}\n# note\nB=\'quoted\'\n'),
    ).toEqual({ A: "1", CERT_SIGNING_KEY: '{"kty":"EC","x":"a"}', B: "quoted" });
  });

  it("every module's quiz has one right answer per question (the key the Worker signs against)", () => {
    for (const m of vi)
      for (const q of m.data.quiz) expect(correctIndex(q)).toBeGreaterThanOrEqual(0);
  });
});
