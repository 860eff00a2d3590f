/**
 * What the built site publishes about its training modules (dist/training/catalog.json), for
 * the Worker and the verify page: each module's answer key and pass marks (to score without
 * JavaScript and to check a certificate request), the law version it was checked against, and
 * the certificate key this build trusts. Nothing here is secret: the answer keys are on the
 * modules' own feedback pages.
 */
import type { CertificateTrust, ModuleLawVersions } from "../certificates/certificate.ts";

export interface CatalogModule {
  track: string;
  /** Law version id, e.g. "law-120-2025+decree-163-2026@2026-11-29". */
  law: string;
  /** Right option of each question. */
  key: number[];
  /** Options of each question. */
  optionCounts: number[];
  passMark: number;
  distinctionMark: number;
  title: Record<string, string>;
}

export interface TrainingCatalog {
  trust: CertificateTrust;
  /** How each legal text is named, per language: "law-120-2025" → "Luật 120/2025/QH15". */
  sourceNames: Record<string, Record<string, string>>;
  modules: Record<string, CatalogModule>;
}

export function lawVersions(catalog: Pick<TrainingCatalog, "modules">): ModuleLawVersions {
  return Object.fromEntries(Object.entries(catalog.modules).map(([slug, m]) => [slug, m.law]));
}

/** "law-120-2025+decree-163-2026@2026-11-29" → texts "Luật 120/2025/QH15 + Nghị định …", date "29/11/2026". */
export function lawVersionParts(
  id: string,
  names: Record<string, string>,
): { texts: string; date: string } {
  const [texts = "", iso = ""] = id.split("@");
  const [y, m, d] = iso.split("-");
  return {
    texts: texts
      .split("+")
      .map((t) => names[t] ?? t)
      .join(" + "),
    date: `${d}/${m}/${y}`,
  };
}
