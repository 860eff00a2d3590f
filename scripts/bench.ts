/**
 * `npm run bench`: builds once, serves the real Worker locally, and measures what the budgets
 * are about. Writes reports/bench/latest.md and latest.json; exits 1 when a budget is broken.
 * Timings are medians of several runs. Options: --runs N (Lighthouse runs per page, default 3 for
 * vi and en, 1 for the other languages), --no-build (measure the existing dist/), --quick,
 * --only pages|lighthouse|search|load (one section; repeat the option for several).
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { build } from "./build.ts";
import { applyMigrations, startWorker } from "./lib/dev-server.ts";
import { projectRoot } from "./lib/run.ts";
import { seedDemo } from "./demo/seed.ts";
import { lighthouse, type LighthouseResult } from "./bench/lighthouse.ts";
import { registrationLoad } from "./bench/load.ts";
import { median } from "./bench/stats.ts";
import { launchChromium, trackedContext } from "./lib/chromium.ts";
import { measureFirstVisit } from "./lib/measure.ts";
import { measureFirstSearch, typeQuery, type FirstSearch } from "./lib/search.ts";
import { precacheBytes, precacheList, watchPrecache } from "./lib/precache.ts";
import { langCodes, type Lang } from "../site/src/core/i18n/languages.ts";

const { values } = parseArgs({
  options: {
    runs: { type: "string" },
    "no-build": { type: "boolean" },
    quick: { type: "boolean" },
    only: { type: "string", multiple: true },
  },
});
const sections = values.only ?? ["pages", "lighthouse", "search", "load"];
const run = (section: string) => sections.includes(section);
const kb = (b: number) => Math.round((b / 1024) * 10) / 10;

/** Key page templates; the commune page exists in vi and en only. */
const templates: {
  name: string;
  path: string;
  langs: Lang[];
  guidance: boolean;
  lighthouse: boolean;
}[] = [
  { name: "home", path: "", langs: langCodes, guidance: false, lighthouse: true },
  {
    name: "guide",
    path: "guides/how-to-register/",
    langs: langCodes,
    guidance: true,
    lighthouse: true,
  },
  { name: "essentials", path: "essentials/", langs: langCodes, guidance: true, lighthouse: false },
  {
    name: "commune",
    path: "where-to-go/dien-bien/xa-tuan-giao-03253/",
    langs: ["vi", "en"],
    guidance: false,
    lighthouse: true,
  },
  {
    name: "lesson",
    path: "lessons/primary-saying-no/",
    langs: langCodes,
    guidance: false,
    lighthouse: true,
  },
  { name: "search", path: "search/", langs: langCodes, guidance: false, lighthouse: true },
  {
    name: "registration start",
    path: "register/",
    langs: langCodes,
    guidance: false,
    lighthouse: true,
  },
];

interface Budget {
  what: string;
  value: number | string;
  budget: string;
  ok: boolean;
}
const budgets: Budget[] = [];
const check = (what: string, value: number, limit: number, unit: string, atLeast = false) =>
  budgets.push({
    what,
    value: `${value}${unit}`,
    budget: `${atLeast ? "≥" : "≤"} ${limit}${unit}`,
    ok: atLeast ? value >= limit : value <= limit,
  });

function countFiles(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true }))
    n += e.isDirectory() ? countFiles(join(dir, e.name)) : 1;
  return n;
}

const report: Record<string, unknown> = {
  generatedAt: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
};

// 1. Build, once.
if (!values["no-build"]) {
  const t0 = performance.now();
  await build();
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  const files = countFiles(join(projectRoot, "dist"));
  report.build = { seconds, files };
  check("full build time", seconds, 180, " s");
  check("files in dist/", files, 20000, "");
}

// 2. The real Worker, fresh local state, demo offices for the load test.
const state = mkdtempSync(join(tmpdir(), "loi-ve-bench-"));
await applyMigrations(state);
await seedDemo({ persistTo: state }, join(state, "demo"), ["11", "08"]);
const worker = await startWorker({ persistTo: state, quiet: true });
const browser = await launchChromium();
try {
  // 3. Bytes per page: first visit and repeat visit (gzip).
  const pages: Record<string, unknown>[] = [];
  for (const t of run("pages") ? templates : []) {
    for (const lang of t.langs) {
      const ctx = await trackedContext(browser, worker.url);
      const page = await ctx.newPage();
      const first = await measureFirstVisit(page, `/${lang}/${t.path}`);
      const repeat = await measureFirstVisit(page, `/${lang}/${t.path}`);
      await ctx.context.close();
      const row = {
        template: t.name,
        lang,
        firstKB: kb(first.html + first.css + first.js),
        htmlCssKB: kb(first.html + first.css),
        jsKB: kb(first.js),
        fontsKB: kb(first.fonts),
        repeatKB: kb(repeat.total),
      };
      pages.push(row);
      if (t.guidance) {
        check(`${t.name} (${lang}): HTML + CSS, first visit`, row.htmlCssKB, 20, " KB");
        check(`${t.name} (${lang}): JavaScript`, row.jsKB, 0, " KB");
      }
    }
  }
  report.pages = pages;

  // 4. Lighthouse, mobile.
  const lh: Record<string, unknown>[] = [];
  for (const t of templates.filter((x) => x.lighthouse && run("lighthouse"))) {
    for (const lang of t.langs) {
      const runs = values.quick
        ? 1
        : Number(values.runs ?? (lang === "vi" || lang === "en" ? 3 : 1));
      const results: LighthouseResult[] = [];
      for (let i = 0; i < runs; i++)
        results.push(await lighthouse(`${worker.url}/${lang}/${t.path}`));
      const m = (k: keyof LighthouseResult) => median(results.map((r) => r[k]));
      const row = {
        template: t.name,
        lang,
        runs,
        performance: m("performance"),
        accessibility: m("accessibility"),
        bestPractices: m("bestPractices"),
        seo: m("seo"),
        lcpMs: Math.round(m("lcpMs")),
        cls: m("cls"),
        tbtMs: Math.round(m("tbtMs")),
      };
      lh.push(row);
      for (const c of ["performance", "accessibility", "bestPractices", "seo"] as const)
        check(`Lighthouse ${c}: ${t.name} (${lang})`, row[c], 100, "", true);
      check(`LCP: ${t.name} (${lang})`, row.lcpMs, 1000, " ms");
      console.log(
        `lighthouse ${t.name} ${lang}: ${row.performance}/${row.accessibility}/${row.bestPractices}/${row.seo}, LCP ${row.lcpMs} ms`,
      );
    }
  }
  report.lighthouse = lh;

  // 5. The first search, for a topic query and a place query: bytes from the first keystroke to
  // the first results shown and to the complete results (medians of fresh readers), and the
  // service worker's precache: what it weighs and when it starts.
  if (run("search")) {
    const searches: Record<string, unknown>[] = [];
    for (const [kind, query] of [
      ["topic", "dang ky"],
      ["place", "xa tuan giao"],
    ] as const) {
      const runs: FirstSearch[] = [];
      for (let i = 0; i < (values.quick ? 2 : 5); i++) {
        const ctx = await trackedContext(browser, worker.url);
        runs.push(await measureFirstSearch(ctx.context, "/vi/search/", query));
        await ctx.context.close();
      }
      const m = (f: (r: FirstSearch) => number) => median(runs.map(f));
      const row = {
        kind,
        query,
        kbToFirstResults: kb(m((r) => r.bytesToFirstResults)),
        kbToComplete: kb(m((r) => r.bytesToComplete)),
        msToFirstResults: Math.round(m((r) => r.msToFirstResults)),
        msToComplete: Math.round(m((r) => r.msToComplete)),
        precacheRequestsDuringSearch: Math.max(...runs.map((r) => r.precacheDuringSearch.length)),
        files: runs[0]!.files.map((f) => `${f.path} ${kb(f.bytes)}`),
        runs: runs.length,
      };
      searches.push(row);
      check(
        `first search, ${kind} ("${query}"), to the complete results`,
        row.kbToComplete,
        100,
        " KB",
      );
      check(
        `precache requests during the first search (${kind})`,
        row.precacheRequestsDuringSearch,
        0,
        "",
      );
    }
    report.firstSearch = searches;

    // The precache on a reader who loads the search page, searches at once, then stops.
    const ctx = await trackedContext(browser, worker.url);
    const watch = watchPrecache(ctx.context);
    const page = await ctx.newPage();
    const t0 = performance.now();
    await page.goto("/vi/search/", { waitUntil: "load" });
    await typeQuery(page, "dang ky");
    const searchDoneMs = Math.round(performance.now() - t0);
    const files = (await precacheList(worker.url)).length;
    for (let i = 0; i < 60 && watch.requests.length < files; i++) await page.waitForTimeout(500);
    const first = watch.requests[0];
    report.precache = {
      files,
      kb: kb(await precacheBytes(worker.url)),
      startsAfterLoadMs: first ? Math.round(first.at) : null,
      searchCompleteMs: searchDoneMs,
      startsAfterSearchMs: first ? Math.round(first.at - searchDoneMs) : null,
      trigger:
        "the reader's 'keep for offline reading', or 10 s without touch, key, scroll or search; never by itself under Save-Data or 2G",
    };
    check(
      "precache starts after the first search completes",
      first && first.at > searchDoneMs ? 1 : 0,
      1,
      "",
      true,
    );
    await ctx.context.close();
  }

  // 6. Registration API under load.
  if (run("load")) {
    const load = await registrationLoad(worker.url, state, values.quick ? 500 : 5000, 50);
    report.registrationLoad = load;
    check(
      "registration API p99 (50 concurrent clients)",
      Math.round(load.p99Ms * 10) / 10,
      50,
      " ms",
    );
    check("registrations stored once each", load.stored, load.sent, "", true);
    check("registrations duplicated", load.duplicated, 0, "");
  }
} finally {
  await browser.close();
  await worker.stop();
  rmSync(state, { recursive: true, force: true });
}

report.budgets = budgets;
const failed = budgets.filter((b) => !b.ok);
const md = [
  `# Lối Về benchmark`,
  "",
  `${report.generatedAt}; ${(report.machine as { cpus: number }).cpus} cores; Node ${process.version}.`,
  "",
  "## Budgets",
  "",
  "| what | measured | budget | |",
  "|---|---|---|---|",
  ...budgets.map((b) => `| ${b.what} | ${b.value} | ${b.budget} | ${b.ok ? "✓" : "✗"} |`),
  "",
  "## Pages (gzip)",
  "",
  "| template | lang | first visit KB (HTML+CSS+JS) | HTML+CSS KB | JS KB | script font KB | repeat visit KB |",
  "|---|---|---|---|---|---|---|",
  ...((report.pages ?? []) as Record<string, unknown>[]).map(
    (p) =>
      `| ${p.template} | ${p.lang} | ${p.firstKB} | ${p.htmlCssKB} | ${p.jsKB} | ${p.fontsKB} | ${p.repeatKB} |`,
  ),
  "",
  "## Lighthouse (mobile, medians)",
  "",
  "| template | lang | runs | perf | a11y | best practices | SEO | LCP ms | CLS | TBT ms |",
  "|---|---|---|---|---|---|---|---|---|---|",
  ...((report.lighthouse ?? []) as Record<string, unknown>[]).map(
    (r) =>
      `| ${r.template} | ${r.lang} | ${r.runs} | ${r.performance} | ${r.accessibility} | ${r.bestPractices} | ${r.seo} | ${r.lcpMs} | ${r.cls} | ${r.tbtMs} |`,
  ),
  "",
  "## First search",
  "",
  "```json",
  JSON.stringify(report.firstSearch, null, 1),
  "```",
  "",
  "## Service worker precache",
  "",
  "```json",
  JSON.stringify(report.precache, null, 1),
  "```",
  "",
  "## Registration API",
  "",
  "```json",
  JSON.stringify(report.registrationLoad, null, 1),
  "```",
  "",
].join("\n");
const out = join(projectRoot, "reports/bench");
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "latest.json"), JSON.stringify(report, null, 1));
writeFileSync(join(out, "latest.md"), md);
console.log(`\n${md.split("## Pages")[0]}\nReport: reports/bench/latest.md`);
if (failed.length) console.error(`${failed.length} budget(s) broken.`);
process.exit(failed.length ? 1 : 0);
