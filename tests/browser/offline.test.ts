/**
 * Offline reading, in Chromium: the service worker keeps every page the reader opens and, once
 * the reader asks or the page has been idle a while, the shell and the essentials page in every
 * language; an unvisited page offline shows the offline page with the emergency number; nothing
 * of the registration form is kept; a new version replaces the old caches. The precache never
 * competes with the reader: nothing before a first search completes, nothing by itself under
 * Save-Data or 2G.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { type TrackedContext } from "../../scripts/lib/chromium.ts";
import { chromiumPerFile } from "../support/browser.ts";
import { adultPerson, fillAdultJourney, send } from "../support/journey.ts";
import { typeQuery } from "../../scripts/lib/search.ts";
import { precacheList, watchPrecache } from "../../scripts/lib/precache.ts";

const { baseUrl, newContext } = chromiumPerFile();

/** The reader chooses "keep for offline reading" on the page they are on. */
async function keepForOffline(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Lưu để đọc khi không có mạng" }).click();
  await page
    .locator("[data-offline-keep-status]")
    .filter({ hasText: "Đã lưu" })
    .waitFor({ timeout: 20_000 });
}

async function withWorker(): Promise<{ ctx: TrackedContext; page: Page }> {
  const ctx = await newContext();
  const page = await ctx.newPage();
  await page.goto("/vi/");
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload(); // now controlled by the worker
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await keepForOffline(page);
  return { ctx, page };
}

async function cachedPaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const paths: string[] = [];
    for (const name of await caches.keys())
      for (const req of await (await caches.open(name)).keys())
        paths.push(`${name} ${new URL(req.url).pathname}`);
    return paths;
  });
}

describe("offline reading", () => {
  it("a guide the reader opened reads offline; an unvisited page shows the offline page; the essentials are always there", async () => {
    const { ctx, page } = await withWorker();
    await page.goto("/vi/guides/emergencies/");
    const title = await page.locator("h1").textContent();
    await ctx.context.setOffline(true);
    await page.goto("/vi/guides/emergencies/");
    expect(await page.locator("h1").textContent()).toBe(title);
    await page.goto("/vi/guides/costs-and-support/");
    expect(await page.locator("[data-offline-page]").count()).toBe(1);
    expect(await page.locator('a[href="tel:115"]').count()).toBeGreaterThan(0);
    await page.goto("/km/essentials/");
    expect(await page.getAttribute("html", "lang")).toBe("km");
    expect(await page.locator("[data-offline-page]").count()).toBe(0);
    await page.goto("/en/guides/costs-and-support/");
    expect(await page.locator("[data-offline-page]").textContent()).toBe("You are offline");
    await ctx.context.setOffline(false);
    await ctx.context.close();
  });

  it("keeps nothing of the registration journey", async () => {
    const { ctx, page } = await withWorker();
    await fillAdultJourney(page, { ...adultPerson, name: "Người Không Lưu" });
    const reference = await send(page);
    const cached = await cachedPaths(page);
    expect(cached.filter((p) => /\/register\/|\/api\/|\/office\//.test(p))).toEqual([]);
    const stored = await page.evaluate(async () => {
      let found = false;
      for (const name of await caches.keys())
        for (const req of await (await caches.open(name)).keys()) {
          const text = await (await (await caches.open(name)).match(req))!.text().catch(() => "");
          if (text.includes("Người Không Lưu")) found = true;
        }
      return found;
    });
    expect(stored).toBe(false);
    expect(reference).toMatch(/^[2-9A-Z]{11}$/);
    await ctx.context.close();
  });

  it("a new version replaces the old caches when it activates", async () => {
    const ctx = await newContext();
    const page = await ctx.newPage();
    await page.goto("/vi/guides/emergencies/"); // no worker yet: guides carry no JavaScript
    await page.evaluate(async () => {
      await (await caches.open("shell-0ldversion")).put("/old", new Response("old"));
    });
    await page.goto("/vi/");
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.waitForFunction(async () => !(await caches.keys()).includes("shell-0ldversion"));
    await keepForOffline(page);
    const names = await page.evaluate(() => caches.keys());
    expect(names.filter((n) => n.startsWith("shell-"))).toHaveLength(1);
    expect(names).toContain(
      "shell-" +
        (await (await fetch(new URL("/sw.js", baseUrl))).text()).match(
          /const VERSION = "([0-9a-f]{12})"/,
        )![1],
    );
    await ctx.context.close();
  });

  it("guidance pages still carry no JavaScript", async () => {
    const html = await (await fetch(new URL("/vi/guides/emergencies/", baseUrl))).text();
    expect(html).not.toMatch(/<script/);
  });
});

describe("the precache waits for the reader", () => {
  it("installing downloads nothing; a first search completes with no precache; it starts only after the page is idle", async () => {
    const ctx = await newContext();
    const watch = watchPrecache(ctx.context);
    const page = await ctx.newPage();
    await page.goto("/vi/search/", { waitUntil: "networkidle" });
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await typeQuery(page, "xa tuan giao");
    const searched = performance.now();
    expect(watch.requests).toEqual([]);
    // Idle: no touch, key or scroll for 10 s, and no search running.
    const wanted = (await precacheList(baseUrl)).length;
    const kept = () =>
      page.evaluate(async () => {
        const shell = (await caches.keys()).find((x) => x.startsWith("shell-"));
        return shell ? (await (await caches.open(shell)).keys()).length : 0;
      });
    for (let i = 0; i < 60 && (await kept()) < wanted; i++) await page.waitForTimeout(500);
    expect(await kept()).toBeGreaterThanOrEqual(wanted);
    expect(watch.requests.length).toBeGreaterThan(0);
    expect(performance.now() - searched).toBeGreaterThanOrEqual(9_000);
    await ctx.context.close();
  });

  for (const [what, override] of [
    ["Save-Data", { method: "Emulation.setDataSaverOverride", params: { dataSaverEnabled: true } }],
    [
      "a 2G connection",
      {
        method: "Network.overrideNetworkState",
        params: {
          offline: false,
          latency: 1800,
          downloadThroughput: 6000,
          uploadThroughput: 4000,
          connectionType: "cellular2g",
        },
      },
    ],
  ] as const) {
    it(`under ${what}, nothing is precached by itself; the reader can still choose to keep it`, async () => {
      const ctx = await newContext();
      const watch = watchPrecache(ctx.context);
      const page = await ctx.newPage();
      await page.goto("/vi/", { waitUntil: "networkidle" });
      const cdp = await ctx.context.newCDPSession(page);
      await cdp.send(override.method as never, override.params as never);
      expect(
        await page.evaluate(() => {
          const c = (
            navigator as Navigator & { connection?: { saveData: boolean; effectiveType: string } }
          ).connection!;
          return c.saveData || c.effectiveType === "2g";
        }),
      ).toBe(true);
      await page.waitForTimeout(13_000);
      expect(watch.requests).toEqual([]);
      await keepForOffline(page);
      expect(watch.requests.length).toBeGreaterThan(0);
      await ctx.context.close();
    });
  }
});
