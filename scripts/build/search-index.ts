/**
 * The search index (Pagefind), one per language from <html lang>. Pages opt in with
 * data-pagefind-body; fallback copies of Vietnamese pages do not, so they never show as another
 * language's results. (Pagefind folds tone marks but not đ; the search island also searches each
 * query with its words' initial d as đ, so "dang ky" finds "Đăng ký".) Providers are added as
 * records of their own, pointing at their listing.
 *
 * Two bundles, searched together: /pagefind/ (guides, lessons, pages, provinces, providers) and
 * /pagefind-places/ (the 3,321 communes). The search island shows the first results from the
 * small bundle, then merges the places in: on a weak signal the guides arrive first, and the
 * first search stays within its budget.
 */
import { readdirSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { htmlFiles } from "./html-files.ts";
import * as pagefind from "pagefind";
import { parse as parseYaml } from "yaml";
import { readFileSync } from "node:fs";
import type { Provider } from "../../site/src/core/schemas/provider.ts";
import { provinceByCode, provincePath } from "../../site/src/core/domain/admin-units/index.ts";
import { lookup, type StringKey } from "../../site/src/core/i18n/translate.ts";
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

async function newIndex() {
  const { index, errors } = await pagefind.createIndex({ keepIndexUrl: false });
  if (!index) throw new Error(`pagefind: ${errors.join("; ")}`);
  return index;
}

export async function buildSearchIndex(
  dist: string,
): Promise<{ pages: number; places: number; records: number }> {
  const index = await newIndex();
  const places = await newIndex();
  let pages = 0;
  let placePages = 0;
  for (const file of htmlFiles(dist)) {
    const html = readFileSync(file.path, "utf8");
    if (!html.includes("data-pagefind-body")) continue;
    const place = isPlacePage(file.urlPath);
    const result = await (place ? places : index).addHTMLFile({
      sourcePath: relative(dist, file.path),
      content: html,
    });
    if (result.errors.length)
      throw new Error(`pagefind ${file.urlPath}: ${result.errors.join("; ")}`);
    if (place) placePages++;
    else pages++;
  }
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
  for (const [bundle, dir] of [
    [index, "pagefind"],
    [places, "pagefind-places"],
  ] as const) {
    const written = await bundle.writeFiles({ outputPath: join(dist, dir) });
    if (written.errors.length) throw new Error(`pagefind: ${written.errors.join("; ")}`);
    for (const f of unusedFiles) rmSync(join(dist, dir, f), { force: true });
  }
  await pagefind.close();
  return { pages, places: placePages, records };
}
