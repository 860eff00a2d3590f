/**
 * Compact legal references for one-page printouts: "NĐ163 89.1.a*" (vi) or "D163 89.1.a*" (en),
 * where * marks a statement checked only against a copy. Explained by the legend under the page.
 */
import type { Lang } from "../../core/i18n/languages.ts";
import type { LegalClaim } from "../../core/schemas/legal-claim.ts";

/** Short names of the texts the training cites. */
const shortNames: Record<string, { vi: string; en: string }> = {
  "law-120-2025": { vi: "L120", en: "L120" },
  "decree-163-2026": { vi: "NĐ163", en: "D163" },
  "law-91-2025": { vi: "L91", en: "L91" },
  "decree-356-2025": { vi: "NĐ356", en: "D356" },
};

export function compactReference(lang: Lang, claim: LegalClaim): string {
  const names = shortNames[claim.source];
  if (!names) throw new Error(`no short name for legal source "${claim.source}"`);
  const name = lang === "en" ? names.en : names.vi;
  return `${name}${claim.article ? ` ${claim.article}` : ""}${claim.confidence === "S" ? "*" : ""}`;
}

/** The sources a set of claims uses, for the legend. */
export function compactSources(claims: LegalClaim[]): string[] {
  return [...new Set(claims.map((c) => c.source))].filter((s) => s in shortNames);
}

export function shortNameOf(lang: Lang, source: string): string {
  const names = shortNames[source]!;
  return lang === "en" ? names.en : names.vi;
}
