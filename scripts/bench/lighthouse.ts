/** Lighthouse (mobile, simulated throttling) with Debian's Chromium, offline. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { capture } from "../lib/run.ts";
import { chromiumPath } from "../lib/chromium.ts";

export interface LighthouseResult {
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
  lcpMs: number;
  cls: number;
  tbtMs: number;
}

/** Lighthouse now and then fails to record a trace (NO_NAVSTART): such a run is tried again. */
export async function lighthouse(url: string, attempts = 3): Promise<LighthouseResult> {
  for (let i = 1; ; i++) {
    try {
      return await lighthouseOnce(url);
    } catch (error) {
      if (i >= attempts) throw error;
    }
  }
}

async function lighthouseOnce(url: string): Promise<LighthouseResult> {
  const dir = mkdtempSync(join(tmpdir(), "loi-ve-lh-"));
  try {
    const out = join(dir, "report.json");
    await capture(
      "lighthouse",
      [
        url,
        "--output=json",
        `--output-path=${out}`,
        "--quiet",
        "--only-categories=performance,accessibility,best-practices,seo",
        `--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=${join(dir, "profile")} --host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1`,
      ],
      { env: { ...process.env, CHROME_PATH: chromiumPath } },
    );
    const r = JSON.parse(readFileSync(out, "utf8"));
    const score = (c: string) => Math.round((r.categories[c]?.score ?? 0) * 100);
    return {
      performance: score("performance"),
      accessibility: score("accessibility"),
      bestPractices: score("best-practices"),
      seo: score("seo"),
      lcpMs: r.audits["largest-contentful-paint"].numericValue,
      cls: r.audits["cumulative-layout-shift"].numericValue,
      tbtMs: r.audits["total-blocking-time"].numericValue,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
