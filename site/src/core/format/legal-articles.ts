/**
 * How an article reference reads in each language: "89.1.a" → "điểm a khoản 1 Điều 89" in
 * Vietnamese, "Article 89(1)(a)" in English. H'Mông, Thái and Khmer pages show the Vietnamese
 * form (marked lang="vi"): legal citations are read against the Vietnamese text.
 */
import type { Lang } from "../i18n/languages.ts";

export function articleLang(lang: Lang): "vi" | "en" {
  return lang === "en" ? "en" : "vi";
}

export function formatArticle(lang: Lang, article: string): string {
  const en = articleLang(lang) === "en";
  if (article.includes("-")) return en ? `Articles ${article}` : `Điều ${article}`;
  const [num, clause, point] = article.split(".");
  if (en) return `Article ${num}${clause ? `(${clause})` : ""}${point ? `(${point})` : ""}`;
  return [point && `điểm ${point}`, clause && `khoản ${clause}`, `Điều ${num}`]
    .filter(Boolean)
    .join(" ");
}
