/**
 * Loads the synonym files (site/content/search/synonyms/<lang>.yaml) for the search index and the
 * content check. Build-time only (node:fs).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { synonymFileSchema, type SynonymEntry } from "../../schemas/search-synonyms.ts";

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
