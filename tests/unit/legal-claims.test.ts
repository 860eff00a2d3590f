import { describe, expect, it } from "vitest";
import {
  assertLegalBasis,
  assertNoRepealedRules,
  repealedRulesIn,
  type ClaimIndex,
} from "../../site/src/core/content/checks.ts";
import { formatArticle } from "../../site/src/core/format/legal-articles.ts";
import { loadClaimFiles } from "../../scripts/lib/legal-claims.ts";

const { claims, problems } = loadClaimFiles("site/content/legal/claims");
const byId = new Map(claims.map((c) => [c.id, c]));
const index: ClaimIndex = {
  claim: (id) => byId.get(id),
  sourceReplaced: (id) => ["law-73-2021", "decree-116-2021", "procedure-1-010941"].includes(id),
};
const page = (legalBasis: string[], history = false) => ({
  summary: "Tóm tắt.",
  legalBasis,
  history,
});

describe("legal claims", () => {
  it("every claim file validates, with unique ids", () => {
    expect(problems).toEqual([]);
    expect(claims.length).toBeGreaterThan(50);
  });

  it("formats articles as each language cites them", () => {
    expect(formatArticle("vi", "89.1.a")).toBe("điểm a khoản 1 Điều 89");
    expect(formatArticle("vi", "91.1")).toBe("khoản 1 Điều 91");
    expect(formatArticle("en", "89.1.a")).toBe("Article 89(1)(a)");
    expect(formatArticle("en", "84-88")).toBe("Articles 84-88");
    expect(formatArticle("km", "29.1")).toBe("khoản 1 Điều 29");
  });

  it("refuses an unverified [U] statement cited as fact", () => {
    const body = 'Không mất phí <Claim id="u-fee" />.';
    expect(() => assertLegalBasis("p", page(["u-fee"]), body, index)).toThrow(/unverified/);
  });

  it("refuses <Unknown> on a statement that is not [U]", () => {
    const body = 'Thời hạn <Unknown id="l120-29.1-duration" />.';
    expect(() => assertLegalBasis("p", page([]), body, index)).toThrow(/cite it with <Claim>/);
  });

  it("refuses an inline claim missing from the legal basis", () => {
    const body = 'Hai mươi bốn tháng <Claim id="l120-29.1-duration" />.';
    expect(() => assertLegalBasis("p", page([]), body, index)).toThrow(/not listed/);
    expect(() => assertLegalBasis("p", page(["l120-29.1-duration"]), body, index)).not.toThrow();
  });

  it("allows repealed rules only on a history page", () => {
    const body = 'Trước đây <Claim id="h-old-duration" />.';
    expect(() => assertLegalBasis("p", page(["h-old-duration"]), body, index)).toThrow(/repealed/);
    expect(() => assertLegalBasis("p", page(["h-old-duration"], true), body, index)).not.toThrow();
  });

  it("finds repealed rules stated in Vietnamese, English and by number", () => {
    expect(repealedRulesIn("Nộp theo thủ tục 1.010941.")).toEqual(["1.010941"]);
    expect(repealedRulesIn("Quyết định trong 3 ngày làm việc.")).toHaveLength(1);
    expect(repealedRulesIn("You must register within 5 working days.")).toHaveLength(1);
    expect(repealedRulesIn("Cai nghiện từ 6 đến 12 tháng.")).toHaveLength(1);
    expect(repealedRulesIn("Treatment lasts 6 to 12 months.")).toHaveLength(1);
    expect(repealedRulesIn("Nhà nước hỗ trợ 95% chi phí.")).toHaveLength(1);
    expect(repealedRulesIn("ꪹꪀꪱ 6-12 ꪙꪱꪉ")).toHaveLength(1);
    expect(repealedRulesIn("Thời hạn là 24 tháng, quyết định trong 24 giờ.")).toEqual([]);
  });

  it("accepts a phrase backed by a current statement in the same paragraph", () => {
    const body = 'Bạn được đọc hồ sơ trong 3 ngày làm việc <Claim id="d163-102-read-file" />.';
    expect(repealedRulesIn(body, index)).toEqual([]);
    expect(repealedRulesIn("Bạn được đọc hồ sơ trong 3 ngày làm việc.", index)).toHaveLength(1);
  });

  it("lets the history page state the old rules", () => {
    const body = "Trước 01/07/2026: 3 ngày làm việc, 6 đến 12 tháng, 95%.";
    expect(() => assertNoRepealedRules("h", page([], true), body, index)).not.toThrow();
    expect(() => assertNoRepealedRules("g", page([]), body, index)).toThrow(/repealed/);
  });
});
