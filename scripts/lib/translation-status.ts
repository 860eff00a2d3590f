/**
 * Translation status of every content file (Lunaria-style): for each page and language,
 * reviewed, draft, outdated (the Vietnamese source changed after the translation was made) or
 * missing. Runs at build time over the files themselves, so the status page and the tests see
 * exactly what is on disk.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { defaultLang, langCodes, type Lang } from "../../site/src/core/i18n/languages.ts";

export type TranslationState = "source" | "reviewed" | "draft" | "outdated" | "missing";

export const translatedCollections = ["guides", "pages", "lessons"] as const;
export type TranslatedCollection = (typeof translatedCollections)[number];

/** A stable fingerprint of a Vietnamese source file: 12 hex characters of its SHA-256. */
export function sourceRevision(fileText: string): string {
  const normalized = fileText
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t]+$/gm, "")
    .trimEnd();
  return createHash("sha256").update(normalized, "utf8").digest("hex").slice(0, 12);
}

export function frontmatterOf(fileText: string): Record<string, unknown> {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(fileText);
  if (!match) return {};
  return (parseYaml(match[1] ?? "") ?? {}) as Record<string, unknown>;
}

interface DeclaredTranslation {
  status?: string;
  sourceRevision?: string;
}

/** The state of one translation file against the current source text. */
export function translationState(
  sourceText: string,
  translationText: string | undefined,
): TranslationState {
  if (translationText === undefined) return "missing";
  const meta = frontmatterOf(translationText).translation as DeclaredTranslation | undefined;
  if (!meta) return "draft"; // a translation with no metadata is never presented as reviewed
  if (meta.status === "outdated" || meta.sourceRevision !== sourceRevision(sourceText))
    return "outdated";
  return meta.status === "reviewed" ? "reviewed" : "draft";
}

export interface StatusRow {
  collection: TranslatedCollection;
  slug: string;
  title: string;
  states: Record<Lang, TranslationState>;
}

function contentFile(dir: string, slug: string): string | undefined {
  for (const ext of [".mdx", ".md"]) {
    const path = join(dir, slug + ext);
    if (existsSync(path)) return path;
  }
  return undefined;
}

/** Every source page in every translated collection, with each language's state. */
export function collectTranslationStatus(contentDir: string): StatusRow[] {
  const rows: StatusRow[] = [];
  for (const collection of translatedCollections) {
    const sourceDir = join(contentDir, collection, defaultLang);
    if (!existsSync(sourceDir)) continue;
    const slugs = readdirSync(sourceDir)
      .filter((f) => /\.mdx?$/.test(f))
      .map((f) => f.replace(/\.mdx?$/, ""))
      .sort();
    for (const slug of slugs) {
      const sourceText = readFileSync(contentFile(sourceDir, slug)!, "utf8");
      const states = {} as Record<Lang, TranslationState>;
      for (const lang of langCodes) {
        if (lang === defaultLang) {
          states[lang] = "source";
          continue;
        }
        const path = contentFile(join(contentDir, collection, lang), slug);
        states[lang] = translationState(sourceText, path ? readFileSync(path, "utf8") : undefined);
      }
      rows.push({
        collection,
        slug,
        title: String(frontmatterOf(sourceText).title ?? slug),
        states,
      });
    }
  }
  return rows;
}
