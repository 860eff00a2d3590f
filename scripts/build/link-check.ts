/** Fails the build on an internal link that leads nowhere. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { htmlFiles } from "./html-files.ts";

/** Paths the Worker answers itself (not files in dist/). */
const workerRoutes: RegExp[] = [/^\/api\//];

function resolves(dist: string, urlPath: string): boolean {
  const path = decodeURIComponent(urlPath.split(/[?#]/)[0]!);
  if (workerRoutes.some((r) => r.test(path))) return true;
  const file = join(dist, path);
  return (
    (path.endsWith("/") && existsSync(join(file, "index.html"))) ||
    (existsSync(file) && !path.endsWith("/")) ||
    existsSync(`${file}.html`)
  );
}

export function checkLinks(dist: string): { checked: number; broken: string[] } {
  const broken: string[] = [];
  let checked = 0;
  for (const file of htmlFiles(dist)) {
    const html = readFileSync(file.path, "utf8");
    for (const m of html.matchAll(/\s(?:href|src)="(\/[^"]*)"/g)) {
      const target = m[1]!.replace(/&amp;/g, "&");
      if (target.startsWith("//")) continue;
      checked++;
      if (!resolves(dist, target)) broken.push(`${file.urlPath} → ${target}`);
    }
  }
  return { checked, broken };
}
