/**
 * Loads the synonym files (site/content/search/synonyms/<lang>.yaml) for the search index and the
 * content check. Build-time only (node:fs).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import {
  synonymFileSchema,
  type SynonymEntry,
} from "../../site/src/core/schemas/search-synonyms.ts";
import { langCodes } from "../../site/src/core/i18n/languages.ts";
import { findStigmaTerms } from "../../site/src/core/content/stigma-terms.ts";
import { foldWords } from "../../site/src/core/search/places.ts";

export interface SynonymProblem {
  file: string;
  message: string;
}

export function loadSynonymFiles(dir: string): {
  byLang: Map<string, SynonymEntry[]>;
  problems: SynonymProblem[];
} {
  const byLang = new Map<string, SynonymEntry[]>();
  const problems: SynonymProblem[] = [];
  if (!existsSync(dir)) return { byLang, problems };
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".yaml"))) {
    const file = join(dir, f);
    const parsed = synonymFileSchema.safeParse(parseYaml(readFileSync(file, "utf8")) ?? []);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({ file, message: `${issue.path.join(".")}: ${issue.message}` });
      continue;
    }
    byLang.set(f.replace(/\.yaml$/, ""), parsed.data);
  }
  return { byLang, problems };
}

/**
 * The hidden metadata a page gets: every word as written. (Pagefind folds tone marks; the island
 * also searches each query with d as đ, so "ngao da" finds "ngáo đá" without a folded copy, which
 * would make every "dinh" match "giám định".)
 */
export function synonymKeywords(entries: SynonymEntry[]): string {
  return [...new Set(entries.flatMap((e) => e.words))].join(", ");
}

/**
 * The synonym files' rules beyond their schema (content check and unit test): a known language;
 * each page exists in that language (a fallback copy is not in its index); one page per phrase;
 * no stigmatising word.
 */
export function checkSynonyms(contentDir: string): SynonymProblem[] {
  const dir = join(contentDir, "search/synonyms");
  const { byLang, problems } = loadSynonymFiles(dir);
  for (const [lang, entries] of byLang) {
    const file = join(dir, `${lang}.yaml`);
    if (!langCodes.includes(lang as never)) {
      problems.push({ file, message: `unknown language "${lang}"` });
      continue;
    }
    const seen = new Map<string, string>();
    for (const e of entries) {
      const [section, slug] = e.page.split("/");
      const source = slug
        ? join(contentDir, section!, lang, `${slug}.mdx`)
        : join(contentDir, "pages", lang, `${section}.mdx`);
      if (!existsSync(source) && !existsSync(source.replace(/\.mdx$/, ".md")))
        problems.push({ file, message: `${e.page}: no such page in ${lang}` });
      for (const w of e.words) {
        const key = foldWords(w).join(" ");
        const other = seen.get(key);
        if (other && other !== e.page)
          problems.push({ file, message: `"${w}" leads to both ${other} and ${e.page}` });
        seen.set(key, e.page);
        for (const hit of findStigmaTerms(w))
          problems.push({ file, message: `stigmatising term "${hit.text}" in "${w}"` });
      }
    }
  }
  return problems;
}
