/** Walks dist/ for HTML pages. */
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";

export function* htmlFiles(root: string, dir = root): Generator<{ path: string; urlPath: string }> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === "pagefind" || entry.name === "_astro") continue;
      yield* htmlFiles(root, full);
    } else if (entry.name.endsWith(".html")) {
      const rel = relative(root, full).split("\\").join("/");
      const urlPath = "/" + rel.replace(/(^|\/)index\.html$/, "$1").replace(/\.html$/, "");
      yield { path: full, urlPath };
    }
  }
}
