/**
 * Watching the service worker's precache (the offline and essentials pages in every language,
 * the script fonts): which of its requests happen, when, and what they weigh on the wire.
 */
import { gzipSync } from "node:zlib";
import type { BrowserContext } from "playwright-core";
import { isPrecachePath } from "./search.ts";

export interface PrecacheWatch {
  /** precache requests seen so far, with when they started (ms since the watch began) */
  requests: { path: string; at: number }[];
}

export function watchPrecache(context: BrowserContext): PrecacheWatch {
  const t0 = performance.now();
  const watch: PrecacheWatch = { requests: [] };
  context.on("request", (req) => {
    const path = new URL(req.url()).pathname;
    if (req.serviceWorker() && isPrecachePath(path))
      watch.requests.push({ path, at: Math.round(performance.now() - t0) });
  });
  return watch;
}

/** The precache list of the built service worker. */
export async function precacheList(baseUrl: string): Promise<string[]> {
  const sw = await (await fetch(new URL("/sw.js", baseUrl))).text();
  return JSON.parse(sw.match(/const PRECACHE = (\[[^\]]*\]);/)![1]!) as string[];
}

/** What the whole precache weighs on the wire: HTML and CSS gzipped, fonts as they are. */
export async function precacheBytes(baseUrl: string): Promise<number> {
  let total = 0;
  for (const path of await precacheList(baseUrl)) {
    const body = Buffer.from(await (await fetch(new URL(path, baseUrl))).arrayBuffer());
    total += /\.woff2$/.test(path) ? body.length : gzipSync(body).length;
  }
  return total;
}
