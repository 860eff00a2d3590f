/**
 * `npm run translations:stamp -- <file>…`: after a translator has brought a translation up to
 * date with its Vietnamese source, record the source revision it now matches. With no files, it
 * lists the translations whose source has changed since (and changes nothing).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { collectTranslationStatus, sourceRevision } from "./lib/translation-status.ts";

const contentDir = resolve(import.meta.dirname, "../site/content");

function sourceOf(file: string): string {
  const rel = relative(contentDir, resolve(file)).split("\\").join("/");
  const [collection, lang, ...rest] = rel.split("/");
  if (!collection || !lang || lang === "vi" || rest.length === 0)
    throw new Error(`${file}: not a translation under site/content/<collection>/<lang>/`);
  const base = rest.join("/").replace(/\.mdx?$/, "");
  // A handout is made from a lesson: its source is the Vietnamese lesson.
  const sourceCollection = collection === "handouts" ? "lessons" : collection;
  for (const ext of [".mdx", ".md"]) {
    const candidate = resolve(contentDir, sourceCollection, "vi", base + ext);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`${file}: no Vietnamese source for it`);
}

export function stamp(file: string): string {
  const revision = sourceRevision(readFileSync(sourceOf(file), "utf8"));
  const text = readFileSync(file, "utf8");
  if (!/^\s*sourceRevision:/m.test(text))
    throw new Error(`${file}: its frontmatter has no translation.sourceRevision to update`);
  writeFileSync(file, text.replace(/^(\s*sourceRevision:\s*).*$/m, `$1"${revision}"`));
  return revision;
}

const files = process.argv.slice(2);
if (files.length === 0) {
  const stale = collectTranslationStatus(contentDir).flatMap((row) =>
    Object.entries(row.states)
      .filter(([, s]) => s === "outdated")
      .map(([lang]) => `${row.collection}/${lang}/${row.slug}`),
  );
  console.log(
    stale.length ? `Outdated translations:\n  ${stale.join("\n  ")}` : "No outdated translations.",
  );
} else {
  for (const file of files) console.log(`${file}: sourceRevision ${stamp(file)}`);
}
