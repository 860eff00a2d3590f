/**
 * Builds the offline pack's inline script (build time): site/src/islands/training/offline-pack.ts
 * with the Quiz island and Preact, bundled and minified by esbuild into one classic script with
 * no imports, so the saved file needs nothing from the network.
 */
import { build } from "esbuild";
import { resolve } from "node:path";

let cached: Promise<string> | undefined;

export function packScript(): Promise<string> {
  cached ??= build({
    // From the project root: this module is bundled before it runs, so import.meta.url moves.
    entryPoints: [resolve("site/src/islands/training/offline-pack.ts")],
    bundle: true,
    write: false,
    format: "iife",
    minify: true,
    target: "es2019",
    platform: "browser",
    jsx: "automatic",
    jsxImportSource: "preact",
    legalComments: "none",
    logLevel: "silent",
  }).then((r) => {
    const code = r.outputFiles[0]!.text.trim();
    // Inline in <script>: nothing in it may close the element.
    if (/<\/script/i.test(code)) throw new Error("offline pack script contains </script");
    return code;
  });
  return cached;
}
