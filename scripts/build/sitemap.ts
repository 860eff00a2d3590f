/** Writes dist/sitemap.xml with hreflang alternates, read from each page's own <head>. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { htmlFiles } from "./html-files.ts";

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function writeSitemap(dist: string): number {
  const entries: string[] = [];
  for (const file of htmlFiles(dist)) {
    const head = readFileSync(file.path, "utf8").split("</head>")[0] ?? "";
    if (/<meta name="robots" content="noindex"/.test(head)) continue;
    const canonical = /<link rel="canonical" href="([^"]+)"/.exec(head)?.[1];
    if (!canonical || !canonical.endsWith(file.urlPath)) continue; // fallback copies and "/" point elsewhere
    const alternates = [
      ...head.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/g),
    ].map(
      (m) =>
        `    <xhtml:link rel="alternate" hreflang="${escapeXml(m[1]!)}" href="${escapeXml(m[2]!)}"/>`,
    );
    entries.push(
      `  <url>\n    <loc>${escapeXml(canonical)}</loc>\n${alternates.join("\n")}\n  </url>`,
    );
  }
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${entries.join("\n")}\n</urlset>\n`;
  writeFileSync(join(dist, "sitemap.xml"), xml);
  return entries.length;
}

export function writeRobots(dist: string, siteUrl: string): void {
  writeFileSync(
    join(dist, "robots.txt"),
    `User-agent: *\nDisallow: /api/\nDisallow: /office/\nSitemap: ${new URL("/sitemap.xml", siteUrl).href}\n`,
  );
}
