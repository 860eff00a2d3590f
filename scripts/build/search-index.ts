/**
 * The search data, written after the site is built:
 *
 * - /pagefind/: one Pagefind index per language (from <html lang>) over guides, lessons, pages,
 *   provinces and provider listings. Pages opt in with data-pagefind-body; fallback copies of
 *   Vietnamese pages do not, so they never show as another language's results. The words people
 *   type for a page that does not use them (site/content/search/synonyms/<lang>.yaml) are added
 *   to it as hidden `keywords` metadata, also with d for đ (Pagefind folds tone marks, not đ).
 * - /search-data/<lang>/pages.json: the title, type, province or band and a one-line summary of
 *   every indexed page, by Pagefind's page id. The island shows results and counts filters from
 *   it instead of loading one Pagefind fragment (the whole page text, ~2 KB) per result shown.
 * - /search-data/<lang>/words/<letter>.json: the words of the index and of place names, by first
 *   letter, most frequent first: the island fetches the letters of the query's words after the
 *   results are shown, to find a word that matches nothing and correct it (~0.5 KB each).
 * - /search-data/places/: the place shards (see search-places.ts). Commune pages are not in
 *   Pagefind: they are found by name through the shards.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { gunzipSync } from "node:zlib";
import * as pagefind from "pagefind";
import { parse as parseYaml } from "yaml";
import { htmlFiles } from "./html-files.ts";
import { writePlaceShards } from "./search-places.ts";
import type { Provider } from "../../site/src/core/schemas/provider.ts";
import { provinceByCode, provincePath } from "../../site/src/core/domain/admin-units/index.ts";
import { lookup, type StringKey } from "../../site/src/core/i18n/translate.ts";
import { loadSynonymFiles, synonymKeywords } from "../lib/search-synonyms.ts";
import { placeNames } from "../../site/src/core/search/place-names.ts";
import { foldWords, splitName } from "../../site/src/core/search/places.ts";
import type { DirectoryEntry, WordShard } from "../../site/src/core/search/directory.ts";
import { projectRoot } from "../lib/run.ts";

/** Pagefind's own user interfaces: the site has its own search island, so these are not shipped. */
const unusedFiles = [
  "pagefind-ui.js",
  "pagefind-ui.css",
  "pagefind-modular-ui.js",
  "pagefind-modular-ui.css",
  "pagefind-component-ui.js",
  "pagefind-component-ui.css",
  "pagefind-highlight.js",
];

function providers(): Provider[] {
  const dir = join(projectRoot, "site/content/providers");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .flatMap(
      (f) => (parseYaml(readFileSync(join(dir, f), "utf8")) as { providers: Provider[] }).providers,
    );
}

/** Commune pages: /<lang>/where-to-go/<province>/<commune-slug>-<code>/ */
export const isPlacePage = (urlPath: string) =>
  /^\/[a-z]{2,3}\/where-to-go\/[a-z0-9-]+\/[a-z0-9-]+-\d{5}\/$/.test(urlPath);

/**
 * Small index chunks: a two-word query then loads a few KB of index instead of ~55 KB. (The setting
 * is marked unstable by Pagefind; the first-search budget test would catch a change.)
 */
process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE ??= "1500";

const escapeAttr = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/**
 * A summary of at most `max` characters, cut at a word: enough to tell two results apart, and
 * short because every summary is downloaded with the first search.
 */
function shorten(text: string, max = 100): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t;
  return `${t.slice(0, t.lastIndexOf(" ", max - 1))}…`;
}

const decodeEntities = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

interface Fragment {
  url: string;
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

/** Pagefind's fragment files: gzip of "pagefind_dcd" + JSON (checked, so a format change fails the build). */
function readFragments(bundle: string): Map<string, Fragment> {
  const dir = join(bundle, "fragment");
  const out = new Map<string, Fragment>();
  for (const f of readdirSync(dir)) {
    const raw = gunzipSync(readFileSync(join(dir, f))).toString("utf8");
    if (!raw.startsWith("pagefind_dcd"))
      throw new Error(
        `pagefind: unexpected fragment format in ${f} (the search directory reads it)`,
      );
    out.set(f.replace(/\.pf_fragment$/, ""), JSON.parse(raw.slice("pagefind_dcd".length)));
  }
  return out;
}

export async function buildSearchIndex(dist: string): Promise<{
  pages: number;
  records: number;
  synonyms: number;
  placeNames: number;
  placeShards: number;
}> {
  const { index, errors } = await pagefind.createIndex({ keepIndexUrl: false });
  if (!index) throw new Error(`pagefind: ${errors.join("; ")}`);

  const { byLang: synonyms, problems } = loadSynonymFiles(
    join(projectRoot, "site/content/search/synonyms"),
  );
  if (problems.length)
    throw new Error(`synonyms: ${problems.map((p) => `${p.file}: ${p.message}`).join("; ")}`);
  const keywordsFor = new Map<string, string>();
  /** Each page's phrases, folded: the island puts a page first when the query is one of them. */
  const phrasesFor = new Map<string, string>();
  for (const [lang, entries] of synonyms) {
    const byPage = Map.groupBy(entries, (e) => `/${lang}/${e.page}/`);
    for (const [url, list] of byPage) {
      keywordsFor.set(url, synonymKeywords(list));
      phrasesFor.set(
        url,
        [...new Set(list.flatMap((e) => e.words.map((w) => foldWords(w).join(" "))))].join("|"),
      );
    }
  }
  const synonymTargets = new Set(keywordsFor.keys());

  const descriptions = new Map<string, string>();
  let pages = 0;
  for (const file of htmlFiles(dist)) {
    let html = readFileSync(file.path, "utf8");
    if (!html.includes("data-pagefind-body") || isPlacePage(file.urlPath)) continue;
    const keywords = keywordsFor.get(file.urlPath);
    if (keywords) {
      html = html.replace(
        "</body>",
        `<div hidden data-pagefind-meta="keywords:${escapeAttr(keywords)}"></div></body>`,
      );
      synonymTargets.delete(file.urlPath);
    }
    const description = html.match(/<meta name="description" content="([^"]*)"/)?.[1];
    if (description) descriptions.set(file.urlPath, decodeEntities(description));
    const result = await index.addHTMLFile({
      sourcePath: relative(dist, file.path),
      content: html,
    });
    if (result.errors.length)
      throw new Error(`pagefind ${file.urlPath}: ${result.errors.join("; ")}`);
    pages++;
  }
  if (synonymTargets.size)
    throw new Error(
      `synonyms name pages that are not in the search index: ${[...synonymTargets].join(", ")}`,
    );

  let records = 0;
  for (const p of providers()) {
    const province = provinceByCode(p.provinceCode)!;
    for (const lang of ["vi", "en"] as const) {
      const type = lookup(lang, `provider.type.${p.type}` as StringKey).text;
      const content = [
        p.name,
        type,
        p.formerDistrict ? `${p.formerDistrict.name}, ${p.formerDistrict.province}` : "",
        province.name,
        p.notes ?? "",
      ].join(". ");
      const result = await index.addCustomRecord({
        url: `/${lang}/${provincePath(province)}#provider-${p.id}`,
        content,
        language: lang,
        meta: { title: p.name },
        filters: { type: ["provider"], province: [province.name] },
      });
      if (result.errors.length) throw new Error(`pagefind: ${result.errors.join("; ")}`);
      records++;
    }
  }

  const bundle = join(dist, "pagefind");
  const written = await index.writeFiles({ outputPath: bundle });
  if (written.errors.length) throw new Error(`pagefind: ${written.errors.join("; ")}`);
  for (const f of unusedFiles) rmSync(join(bundle, f), { force: true });
  await pagefind.close();
  rmSync(join(dist, "pagefind-places"), { recursive: true, force: true });

  writeDirectories(dist, readFragments(bundle), descriptions, phrasesFor);
  const places = writePlaceShards(dist);
  return {
    pages,
    records,
    synonyms: keywordsFor.size,
    placeNames: places.names,
    placeShards: places.shards,
  };
}

/** pages.json and words.json for each language (see the header). */
function writeDirectories(
  dist: string,
  fragments: Map<string, Fragment>,
  descriptions: Map<string, string>,
  phrasesFor: Map<string, string>,
): void {
  // A description shared by many pages is the site's default, not a summary of the page.
  const shared = new Map<string, number>();
  for (const d of descriptions.values()) shared.set(d, (shared.get(d) ?? 0) + 1);
  const directories = new Map<string, Record<string, DirectoryEntry>>();
  const words = new Map<string, Map<string, number>>();
  const count = (lang: string, text: string, weight = 1) => {
    const counts = words.get(lang) ?? new Map<string, number>();
    words.set(lang, counts);
    for (const w of foldWords(text))
      if (/^[a-z]+$/.test(w)) counts.set(w, (counts.get(w) ?? 0) + weight);
  };
  for (const [id, f] of fragments) {
    const lang = f.url.split("/")[1]!;
    const title = f.meta.title ?? f.url;
    const description = descriptions.get(f.url.replace(/#.*/, ""));
    const own = description && (shared.get(description) ?? 0) < 3 && !f.url.includes("#");
    const body = f.content.startsWith(title) ? f.content.slice(title.length) : f.content;
    // A province's page says only how many communes it has: its name and type say enough.
    const summary =
      f.filters.type?.[0] === "province"
        ? ""
        : shorten(own ? description : body.replace(/^[\s.]+/, ""));
    const entry: DirectoryEntry = [f.url, title, f.filters.type?.[0] ?? "page", summary];
    const province = f.filters.province?.[0] ?? "";
    const band = f.filters.band?.[0] ?? "";
    const phrases = phrasesFor.get(f.url) ?? "";
    if (province || band || phrases) entry.push(province, band);
    if (phrases) entry.push(phrases);
    const dir = directories.get(lang) ?? {};
    dir[id] = entry;
    directories.set(lang, dir);
    count(lang, f.content);
    count(lang, f.meta.keywords ?? "");
  }
  const placeWords = new Map<string, number>();
  for (const [name] of placeNames().entries)
    for (const w of splitName(name).words)
      if (/^[a-z]+$/.test(w)) placeWords.set(w, (placeWords.get(w) ?? 0) + 1);
  for (const [lang, dir] of directories) {
    const out = join(dist, "search-data", lang);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "pages.json"), JSON.stringify(dir));
    const byFrequency = (m: Map<string, number>) =>
      [...m].sort((a, b) => b[1] - a[1]).map(([w]) => w);
    const pageWords = byFrequency(words.get(lang) ?? new Map());
    const known = new Set(pageWords);
    const placeOnly = byFrequency(new Map([...placeWords].filter(([w]) => !known.has(w))));
    mkdirSync(join(out, "words"));
    const letters = new Set([...pageWords, ...placeOnly].map((w) => w[0]!));
    for (const letter of letters) {
      const shard: WordShard = {
        p: pageWords.filter((w) => w[0] === letter),
        n: placeOnly.filter((w) => w[0] === letter),
      };
      writeFileSync(join(out, "words", `${letter}.json`), JSON.stringify(shard));
    }
  }
}
