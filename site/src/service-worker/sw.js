/*
 * Lối Về service worker: offline reading, nothing more. Built into dist/sw.js by
 * scripts/build/service-worker.ts, which fills in VERSION and PRECACHE.
 *  - Keeps every page the reader opens (guides, lessons, communes…), to read again without signal,
 *    and the stylesheet and fonts they use: nothing more is downloaded for that.
 *  - Keeps the site shell (offline pages, the essentials page in every language, fonts) only when
 *    the page asks (a "precache" message): when the reader chooses to, or once the page has been
 *    idle a while on a connection that is not Save-Data or 2G (components/OfflineReading.astro).
 *    Installing downloads nothing, so it never competes with a first search.
 *  - Never stores anything from the registration journey, the office inbox, the API or search.
 *  - A new version replaces the old caches when it activates.
 */
const VERSION = "__VERSION__";
const PRECACHE = __PRECACHE__;
const SHELL = `shell-${VERSION}`;
const PAGES = "pages-v1";
const MAX_PAGES = 80;
const NETWORK_TIMEOUT_MS = 4000;
const LANGS = ["vi", "en", "hmn", "blt", "km"];

/** Paths never stored: the form's answers, the inbox, the API, the search index. */
const NEVER = [
  /^\/[a-z]{2,3}\/register\//,
  /^\/[a-z]{2,3}\/office\//,
  /^\/office\//,
  /^\/api\//,
  /^\/pagefind/,
  /^\/search-data\//,
  /^\/[a-z]{2,3}\/report\//,
  /^\/sw\.js$/,
];

self.addEventListener("install", () => {
  self.skipWaiting();
});

/** Downloads what the shell lacks (what the reader already opened is not fetched again). */
async function precache() {
  const cache = await caches.open(SHELL);
  const missing = [];
  for (const path of PRECACHE) {
    const kept = await caches.match(path);
    if (kept) await cache.put(path, kept);
    else missing.push(path);
  }
  await cache.addAll(missing);
}

self.addEventListener("message", (event) => {
  if (event.data?.type !== "precache") return;
  const reply = (kept) => event.ports[0]?.postMessage({ kept });
  event.waitUntil(
    precache().then(
      () => reply(true),
      () => reply(false),
    ),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys())
        if (name.startsWith("shell-") && name !== SHELL) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

function offlinePage(path) {
  const lang = LANGS.find((l) => path === `/${l}/` || path.startsWith(`/${l}/`)) ?? "vi";
  return caches.match(`/${lang}/offline/`);
}

async function trim(cache) {
  const keys = await cache.keys();
  for (const request of keys.slice(0, Math.max(0, keys.length - MAX_PAGES)))
    await cache.delete(request);
}

async function page(request) {
  const url = new URL(request.url);
  const cache = await caches.open(PAGES);
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error("slow network")), NETWORK_TIMEOUT_MS),
      ),
    ]);
    if (response.ok && response.type === "basic") {
      await cache.put(url.pathname, response.clone());
      await trim(cache);
    }
    return response;
  } catch {
    return (
      (await cache.match(url.pathname)) ??
      (await caches.match(url.pathname)) ??
      (await offlinePage(url.pathname)) ??
      Response.error()
    );
  }
}

async function asset(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) (await caches.open(SHELL)).put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || NEVER.some((re) => re.test(url.pathname))) return;
  if (request.mode === "navigate") return event.respondWith(page(request));
  if (/^\/(_astro|fonts)\//.test(url.pathname) || url.pathname === "/favicon.svg")
    return event.respondWith(asset(request));
});
