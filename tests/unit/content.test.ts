import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkContent } from "../../scripts/content-check.ts";
import { assertLegalBasis } from "../../site/src/core/content/checks.ts";
import { findStigmaTerms } from "../../site/src/core/content/stigma-terms.ts";
import { findPhoneNumbers } from "../../site/src/core/content/phone-numbers.ts";
import {
  collectTranslationStatus,
  sourceRevision,
  translationState,
} from "../../scripts/lib/translation-status.ts";

const contentDir = "site/content";

describe("content files", () => {
  it("all validate: schemas, legal basis, citations, links, stigma terms", () => {
    expect(checkContent(contentDir, "site/src/i18n/strings")).toEqual([]);
  });
});

describe("content checks fail on bad content", () => {
  const temp = mkdtempSync(join(tmpdir(), "loi-ve-content-"));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));
  const copy = () => {
    const dir = mkdtempSync(join(temp, "c-"));
    cpSync(contentDir, dir, { recursive: true });
    return dir;
  };

  it("reports a schema error with file and field", () => {
    const dir = copy();
    const file = join(dir, "pages/vi/about.mdx");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace(/^lastReviewed: .*$/m, "lastReviewed: not-a-date"),
    );
    const problems = checkContent(dir);
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: expect.stringContaining("pages/vi/about.mdx"),
        message: expect.stringContaining("lastReviewed"),
      }),
    );
  });

  it("reports a broken link between pages", () => {
    const dir = copy();
    const file = join(dir, "pages/vi/about.mdx");
    writeFileSync(file, readFileSync(file, "utf8") + "\n[Xem](/vi/guides/khong-ton-tai/)\n");
    expect(checkContent(dir).map((p) => p.message)).toContain(
      "link to /vi/guides/khong-ton-tai/: no such page",
    );
  });

  it("reports a stigmatising term", () => {
    const dir = copy();
    const file = join(dir, "pages/vi/about.mdx");
    writeFileSync(file, readFileSync(file, "utf8") + "\nGiúp con nghiện.\n");
    expect(checkContent(dir).some((p) => p.message.includes("con nghiện"))).toBe(true);
  });

  it("reports a phone number that has no source", () => {
    const dir = copy();
    const file = join(dir, "guides/vi/" + readdirSync(join(dir, "guides/vi"))[0]);
    writeFileSync(file, readFileSync(file, "utf8") + "\nGọi 0912.345.678 để được tư vấn.\n");
    expect(checkContent(dir).map((p) => p.message)).toContainEqual(
      expect.stringContaining('phone number "0912.345.678"'),
    );
  });

  it("rejects a page that states a legal rule without a legal basis", () => {
    expect(() =>
      assertLegalBasis(
        "guides/vi/x",
        { summary: "Tóm tắt.", legalBasis: [] },
        "Phải đăng ký trong 5 ngày làm việc.",
      ),
    ).toThrow(/states a legal rule.*"ngày làm việc".*no legalBasis/);
    expect(() =>
      assertLegalBasis(
        "guides/en/x",
        { summary: "S.", legalBasis: [] },
        "Under Article 30 you must register.",
      ),
    ).toThrow(/Article 30/);
    expect(() =>
      assertLegalBasis(
        "x",
        { summary: "S.", legalBasis: [{ source: "law-73-2021" }] },
        'Text <Cite source="decree-116-2021" />',
      ),
    ).toThrow(/not listed in its legalBasis/);
    expect(() =>
      assertLegalBasis("x", { summary: "S.", legalBasis: [] }, "Talk to your family."),
    ).not.toThrow();
  });
});

describe("phone numbers in content", () => {
  const found = (text: string) => findPhoneNumbers(text).map((h) => h.digits);

  it("finds mobile, landline, +84, hotline and short service numbers however they are written", () => {
    expect(found("Gọi 0912 345 678 hoặc 0912.345.678 hoặc 0912-345-678")).toEqual([
      "0912345678",
      "0912345678",
      "0912345678",
    ]);
    expect(found("Số bàn 0215 3826 123")).toEqual(["02153826123"]);
    expect(found("Call +84 912 345 678")).toEqual(["0912345678"]);
    expect(found("Tổng đài 1900 1234 hoặc 18001567")).toEqual(["19001234", "18001567"]);
    expect(found("Gọi 113 hoặc 114")).toEqual(["113", "114"]);
  });

  it("allows 115, the emergency number domain.md lists, and leaves dates, codes and legal numbers alone", () => {
    expect(found("Gọi 115 ngay.")).toEqual([]);
    expect(
      found(
        "Luật 73/2021/QH15, Nghị định 116/2021/NĐ-CP, ngày 2026-11-22, mã xã 03253, năm 2025-2026",
      ),
    ).toEqual([]);
    expect(found("Điều 113 và khoản 111, Article 112")).toEqual([]);
  });
});

describe("stigmatising terms", () => {
  it.each([
    ["Anh ấy là con nghiện.", "con nghiện"],
    ["CON NGHIỆN", "con nghiện"],
    ["dân nghiện", "dân nghiện"],
    ["quản lý đối tượng sử dụng ma túy", "đối tượng sử dụng ma túy"],
    ["a junkie", "junkie"],
    ["drug abusers", "drug abuser"],
    ["help addicts", "addict"],
    ["he tested clean", "clean/dirty (test results)"],
    ["a dirty urine test", "clean/dirty (test results)"],
    ["con nghiện".normalize("NFD"), "con nghiện"],
  ])("finds %j", (text, term) => {
    expect(findStigmaTerms(text).map((h) => h.term)).toContain(term);
  });

  it.each([
    "người sử dụng ma túy",
    "người nghiện ma túy",
    "đối tượng áp dụng",
    "addiction is treatable",
    "an addictive substance",
    "he was addicted",
    "clean water",
    "wash your hands until clean",
  ])("accepts %j", (text) => {
    expect(findStigmaTerms(text)).toEqual([]);
  });
});

describe("translation status", () => {
  it("reports a translation outdated after its Vietnamese source changes", () => {
    const dir = mkdtempSync(join(tmpdir(), "loi-ve-status-"));
    try {
      cpSync(contentDir, dir, { recursive: true });
      const before = collectTranslationStatus(dir).find(
        (r) => r.collection === "pages" && r.slug === "about",
      )!;
      expect(before.states.en).not.toBe("outdated");
      const source = join(dir, "pages/vi/about.mdx");
      writeFileSync(source, readFileSync(source, "utf8") + "\nMột câu mới.\n");
      const after = collectTranslationStatus(dir).find(
        (r) => r.collection === "pages" && r.slug === "about",
      )!;
      expect(after.states.en).toBe("outdated");
      expect(after.states.vi).toBe("source");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("never presents a draft as reviewed", () => {
    const src = "---\ntitle: A\n---\nBody";
    const rev = sourceRevision(src);
    expect(
      translationState(
        src,
        `---\ntranslation:\n  status: draft\n  sourceRevision: "${rev}"\n---\n`,
      ),
    ).toBe("draft");
    expect(
      translationState(
        src,
        `---\ntranslation:\n  status: reviewed\n  reviewer: X\n  sourceRevision: "${rev}"\n---\n`,
      ),
    ).toBe("reviewed");
    expect(translationState(src, "---\ntitle: no metadata\n---\n")).toBe("draft");
    expect(translationState(src, undefined)).toBe("missing");
  });
});
