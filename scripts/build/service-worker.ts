/**
 * Writes dist/sw.js from site/src/service-worker/sw.js: the precache list (the stylesheets and
 * script fonts the pages use, the offline and essentials pages in every language) and a version
 * derived from their content, so a new deployment replaces the old caches.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { langCodes, scriptFonts } from "../../site/src/core/i18n/languages.ts";
import { projectRoot } from "../lib/run.ts";

export function writeServiceWorker(dist: string): { files: number; version: string } {
  const pages = langCodes.flatMap((lang) => [
    `/${lang}/offline/`,
    `/${lang}/essentials/`,
    `/${lang}/`,
  ]);
  const assets = new Set<string>(["/favicon.svg"]);
  for (const path of pages) {
    const html = readFileSync(join(dist, path, "index.html"), "utf8");
    for (const m of html.matchAll(/<link rel="stylesheet" href="(\/[^"]+)"/g)) assets.add(m[1]!);
  }
  for (const font of Object.values(scriptFonts)) assets.add(font!.file);
  const precache = [...pages, ...assets];
  for (const p of precache)
    if (!existsSync(join(dist, p.endsWith("/") ? `${p}index.html` : p)))
      throw new Error(`service worker: ${p} is not in dist/`);
  const hash = createHash("sha256");
  for (const p of precache)
    hash.update(p).update(readFileSync(join(dist, p.endsWith("/") ? `${p}index.html` : p)));
  const version = hash.digest("hex").slice(0, 12);
  const source = readFileSync(join(projectRoot, "site/src/service-worker/sw.js"), "utf8");
  writeFileSync(
    join(dist, "sw.js"),
    source.replace("__VERSION__", version).replace("__PRECACHE__", JSON.stringify(precache)),
  );
  return { files: precache.length, version };
}
