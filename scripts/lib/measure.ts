/**
 * What a first visit to a page transfers: every response the browser received, sized as gzip
 * would send it (HTML and CSS counted for the page budget, script fonts apart, JavaScript apart).
 */
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";

export interface Transfer {
  url: string;
  type: string;
  bytes: number;
  gzipBytes: number;
}
export interface PageWeight {
  html: number;
  css: number;
  js: number;
  fonts: number;
  other: number;
  total: number;
  transfers: Transfer[];
}

export async function measureFirstVisit(page: Page, url: string): Promise<PageWeight> {
  const transfers: Transfer[] = [];
  const pending: Promise<void>[] = [];
  page.on("response", (res) => {
    pending.push(
      (async () => {
        const body = await res.body().catch(() => Buffer.alloc(0));
        const type = res.request().resourceType();
        const compressible = !/font|image/.test(type);
        transfers.push({
          url: res.url(),
          type,
          bytes: body.length,
          gzipBytes: compressible ? gzipSync(body).length : body.length,
        });
      })(),
    );
  });
  await page.goto(url, { waitUntil: "networkidle" });
  await Promise.all(pending);
  const sum = (types: string[]) =>
    transfers.filter((t) => types.includes(t.type)).reduce((s, t) => s + t.gzipBytes, 0);
  const weight = {
    html: sum(["document"]),
    css: sum(["stylesheet"]),
    js: sum(["script"]),
    fonts: sum(["font"]),
    other: 0,
    total: 0,
    transfers,
  };
  weight.total = transfers.reduce((s, t) => s + t.gzipBytes, 0);
  weight.other = weight.total - weight.html - weight.css - weight.js - weight.fonts;
  return weight;
}
