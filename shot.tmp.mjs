import { chromium } from "playwright-core";
const [url, out, w = "360", h = "740", full = "0"] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--headless"] });
const p = await b.newPage({ viewport: { width: +w, height: +h } });
await p.goto(url);
await p.screenshot({ path: out, fullPage: full === "1" });
const start = await p.locator("[data-start]").boundingBox().catch(() => null);
console.log(JSON.stringify({ start, height: await p.evaluate(() => document.documentElement.scrollHeight) }));
await b.close();
