/**
 * `npm run build`: the static site (Astro), then what the build adds to it: the signed key
 * directories, security headers, sitemap, robots.txt and the link check, then the search index
 * (Pagefind). Fails on any error.
 */
import { performance } from "node:perf_hooks";
import { run } from "./lib/run.ts";
import { writeSecurityHeaders } from "./build/security-headers.ts";
import { writeRobots, writeSitemap } from "./build/sitemap.ts";
import { checkLinks } from "./build/link-check.ts";
import { buildSearchIndex } from "./build/search-index.ts";
import { writeServiceWorker } from "./build/service-worker.ts";
import { ensureDevVars } from "./lib/dev-server.ts";
import { publishInto } from "./offices/directory-files.ts";

const dist = "dist";
const siteUrl = process.env.SITE_URL ?? "http://127.0.0.1:8787";

export async function build(): Promise<void> {
  const started = performance.now();
  // Training certificates: a production build trusts CERT_PUBLIC_KEY; any other build trusts the
  // development key, made here if this checkout has none yet (README, "Deploy").
  if (!process.env.CERT_PUBLIC_KEY) ensureDevVars();
  await run("astro", ["build", "--silent"]);
  const links = checkLinks(dist);
  if (links.broken.length > 0) {
    throw new Error(
      `Broken internal links (${links.broken.length}):\n  ${links.broken.slice(0, 50).join("\n  ")}`,
    );
  }
  // The signed key directories (site/content/keys/): a directory that does not verify fails the build.
  const directories = await publishInto("site/content/keys", `${dist}/keys`);
  const offline = writeServiceWorker(dist);
  const headers = writeSecurityHeaders(dist);
  const pages = writeSitemap(dist);
  writeRobots(dist, siteUrl);
  const search = await buildSearchIndex(dist);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `build: ${pages} pages in the sitemap, ${links.checked} internal links checked, ` +
      `service worker ${offline.version} precaching ${offline.files} files, ${headers.scripts} inline script hash(es) in the CSP, ${search.pages} pages and ${search.records} listings in Pagefind (${search.synonyms} with synonyms), ${search.placeNames} place names in ${search.placeShards} shards; ${directories} signed key directories; ${seconds} s`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  build().catch((error: Error) => {
    console.error(`\nbuild failed: ${error.message}`);
    process.exit(1);
  });
}
