import { chromium } from "playwright-core";
import { gzipSync } from "node:zlib";
const base = "http://127.0.0.1:8911";
const answers = JSON.parse(process.argv[2]);
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--headless"] });
const ctx = await b.newContext({ viewport: { width: 360, height: 740 } });
const p = await ctx.newPage();
const js = new Map();
p.on("response", async (r) => { if (r.url().endsWith(".js")) { const body = await r.body().catch(() => Buffer.alloc(0)); js.set(r.url().split("/").pop(), gzipSync(body).length); } });
const out = [];
for (const lang of ["vi", "hmn"]) {
  await p.goto(`${base}/${lang}/register/`);
  const box = await p.locator("[data-start]").boundingBox();
  out.push([`start ${lang}`, await p.evaluate(() => document.documentElement.scrollHeight), `button bottom ${Math.round(box.y + box.height)}`]);
}
await p.goto(`${base}/vi/register/who/`);
await p.evaluate((a) => sessionStorage.setItem("loi-ve.registration-draft", JSON.stringify({ version: "2", savedAt: Date.now(), answers: a })), answers);
for (const step of ["who","determination","place","commune","person","background","family","record","drug-use","treatment-history","treatment","consent","check","print"]) {
  const res = await p.goto(`${base}/vi/register/${step}/`);
  await p.waitForSelector("html[data-registration-ready]", { state: "attached" });
  const html = await res.body();
  out.push([step, await p.evaluate(() => document.documentElement.scrollHeight), `html gzip ${(gzipSync(html).length/1024).toFixed(1)} KB`]);
}
for (const row of out) console.log(row.join(" | "));
console.log("JS (gzip):", JSON.stringify([...js.entries()].map(([k, v]) => `${k} ${(v/1024).toFixed(1)} KB`)));
await b.close();
