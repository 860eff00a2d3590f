/**
 * Writes dist/_headers: the security headers for every static response, with a CSP that allows
 * exactly the inline scripts and styles Astro emitted (by hash) and nothing from other origins.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  baseSecurityHeaders,
  contentSecurityPolicy,
  hsts,
} from "../../site/src/core/security-headers.ts";
import { htmlFiles } from "./html-files.ts";

const sha256 = (text: string) =>
  `sha256-${createHash("sha256").update(text, "utf8").digest("base64")}`;

export function inlineHashes(html: string): { scripts: string[]; styles: string[] } {
  const scripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .filter((m) => !/type="application\/(ld\+)?json"/.test(m[0]))
    .map((m) => sha256(m[1]!));
  const styles = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => sha256(m[1]!));
  return { scripts, styles };
}

export function writeSecurityHeaders(dist: string): {
  scripts: number;
  styles: number;
  csp: string;
} {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  for (const file of htmlFiles(dist)) {
    const html = readFileSync(file.path, "utf8");
    if (/\sstyle="/.test(html))
      throw new Error(`${file.urlPath}: inline style attribute (blocked by the CSP); use a class`);
    const found = inlineHashes(html);
    found.scripts.forEach((h) => scripts.add(h));
    found.styles.forEach((h) => styles.add(h));
  }
  const csp = contentSecurityPolicy([...scripts].sort(), [...styles].sort());
  const lines = ["/*", `  Content-Security-Policy: ${csp}`, `  Strict-Transport-Security: ${hsts}`];
  for (const [name, value] of Object.entries(baseSecurityHeaders))
    lines.push(`  ${name}: ${value}`);
  // Hashed build assets never change: cache them for a year.
  lines.push("", "/_astro/*", "  Cache-Control: public, max-age=31536000, immutable");
  lines.push("", "/fonts/*", "  Cache-Control: public, max-age=31536000, immutable");
  writeFileSync(join(dist, "_headers"), lines.join("\n") + "\n");
  return { scripts: scripts.size, styles: styles.size, csp };
}
