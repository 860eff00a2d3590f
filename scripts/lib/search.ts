/** Running a search in the island as a reader would, and measuring what a first search costs. */
import { gzipSync } from "node:zlib";
import type { BrowserContext, Page, Response } from "playwright-core";

const statusFor = (query: string) =>
  `[data-search-status][data-query="${query.trim().replace(/"/g, '\\"')}"]`;

/** Types the query and waits until its final results are on screen (a typo correction included). */
export async function typeQuery(page: Page, query: string): Promise<void> {
  const input = page.locator("#search-input");
  await input.click();
  await input.fill(query);
  await page.locator(statusFor(query)).waitFor({ state: "attached", timeout: 20_000 });
}

/** The result links in the order they are shown on screen (both groups). */
export async function searchFor(page: Page, query: string): Promise<string[]> {
  await typeQuery(page, query);
  return page
    .locator("#search-results .search-results li a")
    .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute("href")!));
}

/** The results of each group: places (provinces, communes) and pages (guides, lessons, …). */
export async function searchGroups(
  page: Page,
  query: string,
): Promise<{ pages: string[]; places: string[]; shown: string[] }> {
  const shown = await searchFor(page, query);
  const links = (group: string) =>
    page
      .locator(`.search-results[data-group="${group}"] li a`)
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute("href")!));
  return { pages: await links("pages"), places: await links("places"), shown };
}

/** Bytes on the wire: Pagefind's files are already compressed; everything else travels gzipped. */
export async function wireBytes(res: Response): Promise<number> {
  const body = await res.body().catch(() => Buffer.alloc(0));
  return /\.(pagefind|pf_\w+)$/.test(res.url()) ? body.length : gzipSync(body).length;
}

export interface FirstSearch {
  query: string;
  /** from the first keystroke to the first results on screen */
  bytesToFirstResults: number;
  /** to the final results (both groups, filters, a correction) */
  bytesToComplete: number;
  msToFirstResults: number;
  msToComplete: number;
  /** what was downloaded, in order: path and bytes */
  files: { path: string; bytes: number }[];
  /** requests of the service worker's precache made before the search completed */
  precacheDuringSearch: string[];
  /** whether a place shard was fetched */
  placeShards: number;
}

/** Offline and essentials pages are never fetched by a search page itself: only by the precache. */
export const isPrecachePath = (path: string) =>
  /^\/[a-z]{2,3}\/(offline|essentials)\/$/.test(path) || /^\/fonts\//.test(path);

/**
 * A first search on a fresh page: loads the page, waits until it is quiet, then counts every
 * response from the first keystroke. The page has its service worker registered (it registers
 * on load), as a reader's would.
 */
export async function measureFirstSearch(
  context: BrowserContext,
  path: string,
  query: string,
): Promise<FirstSearch> {
  const page = await context.newPage();
  await page.goto(path, { waitUntil: "networkidle" });
  const responses: Response[] = [];
  const swRequests: string[] = [];
  let typing = false;
  page.on("response", (res) => {
    if (typing) responses.push(res);
  });
  context.on("request", (req) => {
    if (typing && req.serviceWorker()) swRequests.push(new URL(req.url()).pathname);
  });
  typing = true;
  const t0 = performance.now();
  const input = page.locator("#search-input");
  await input.click();
  await input.fill(query);
  await page.locator("#search-results .search-results li").first().waitFor({ timeout: 20_000 });
  const msToFirstResults = performance.now() - t0;
  const atFirst = responses.length;
  await page.locator(statusFor(query)).waitFor({ state: "attached", timeout: 20_000 });
  const msToComplete = performance.now() - t0;
  const atComplete = responses.length;
  const precacheDuringSearch = swRequests.filter(isPrecachePath);
  const files: { path: string; bytes: number }[] = [];
  for (const res of responses.slice(0, atComplete))
    files.push({ path: res.url().replace(/^https?:\/\/[^/]+/, ""), bytes: await wireBytes(res) });
  const sum = (n: number) => files.slice(0, n).reduce((s, f) => s + f.bytes, 0);
  await page.close();
  return {
    query,
    bytesToFirstResults: sum(atFirst),
    bytesToComplete: sum(atComplete),
    msToFirstResults,
    msToComplete,
    files,
    precacheDuringSearch,
    placeShards: files.filter((f) => f.path.startsWith("/search-data/places/")).length,
  };
}
