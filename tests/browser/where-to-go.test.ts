/**
 * Where to go, in Chromium: the finder's filters and distance ordering (computed on the device;
 * no listing has sourced coordinates yet, so this test serves the finder its data file with
 * coordinates), the finder without location permission, and commune and province pages on A4.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { chromiumPerFile } from "../support/browser.ts";

const { newContext } = chromiumPerFile();

const fixture = {
  listings: [
    {
      id: "75-a",
      name: "Cơ sở A (Đồng Nai)",
      type: "public-facility",
      services: ["voluntary-facility"],
      provinceCode: "75",
      province: "Đồng Nai",
      path: "where-to-go/dong-nai/#provider-75-a",
      coordinates: { lat: 10.95, lon: 107.2 },
      ages: { min: 18 },
      languages: ["vi"],
      costs: "support-available",
    },
    {
      id: "11-b",
      name: "Điểm B (Điện Biên)",
      type: "substitution-clinic",
      services: ["methadone"],
      provinceCode: "11",
      province: "Điện Biên",
      path: "where-to-go/dien-bien/#provider-11-b",
      coordinates: { lat: 21.59, lon: 103.42 },
      ages: { min: 16 },
      languages: ["vi", "Hmôngz"],
      costs: "free",
    },
    {
      id: "08-c",
      name: "Điểm C (Tuyên Quang)",
      type: "substitution-clinic",
      services: ["methadone"],
      provinceCode: "08",
      province: "Tuyên Quang",
      path: "where-to-go/tuyen-quang/#provider-08-c",
      coordinates: { lat: 21.77, lon: 105.3 },
      ages: null,
      languages: [],
      costs: "unknown",
    },
    {
      id: "08-d",
      name: "Điểm D (no coordinates)",
      type: "counselling-point",
      services: ["counselling"],
      provinceCode: "08",
      province: "Tuyên Quang",
      path: "where-to-go/tuyen-quang/#provider-08-d",
      coordinates: null,
      ages: { min: 12, max: 17 },
      languages: ["vi"],
      costs: "free",
    },
  ],
};

async function finderPage(options: {
  geolocation?: { latitude: number; longitude: number };
  permissions?: string[];
}) {
  const ctx = await newContext(options);
  const page = await ctx.newPage();
  await page.route("**/where-to-go/providers.json", (route) => route.fulfill({ json: fixture }));
  await page.goto("/en/where-to-go/");
  await page.locator("[data-finder-results] li").first().waitFor();
  return { ctx, page };
}
const names = (page: Page) => page.locator("[data-finder-results] li a").allTextContents();

describe("the finder", () => {
  it("filters by service, age, language and cost", async () => {
    const { ctx, page } = await finderPage({});
    expect(await names(page)).toHaveLength(4);
    await page.getByLabel("Service").selectOption({ label: "Methadone" });
    expect(await names(page)).toEqual(["Điểm B (Điện Biên)", "Điểm C (Tuyên Quang)"]);
    await page.getByLabel("Age of the person").fill("15");
    expect(await names(page)).toEqual(["Điểm C (Tuyên Quang)"]); // B serves 16+; C's ages are not known, so kept
    await page.getByLabel("Age of the person").fill("");
    await page.locator("#finder-language").selectOption("Hmôngz");
    expect(await names(page)).toEqual(["Điểm B (Điện Biên)", "Điểm C (Tuyên Quang)"]); // C's languages unknown: kept
    await page.getByLabel("Service").selectOption({ label: "Any" });
    await page.locator("#finder-language").selectOption({ label: "Any" });
    await page.getByLabel("Cost").selectOption({ label: "Free" });
    expect(await names(page)).toEqual(["Điểm B (Điện Biên)", "Điểm D (no coordinates)"]);
    expect(await page.locator("[data-finder-status]").textContent()).toBe("2 places");
    await ctx.context.close();
  });

  it("orders by distance from the reader, on the device, and sends the location nowhere", async () => {
    // In Tuần Giáo, Điện Biên.
    const { ctx, page } = await finderPage({
      geolocation: { latitude: 21.66, longitude: 103.41 },
      permissions: ["geolocation"],
    });
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.getByRole("button", { name: "Sort by distance from me" }).click();
    await page.locator("[data-finder-results] li").filter({ hasText: "km away" }).first().waitFor();
    expect(await names(page)).toEqual([
      "Điểm B (Điện Biên)",
      "Điểm C (Tuyên Quang)",
      "Cơ sở A (Đồng Nai)",
      "Điểm D (no coordinates)",
    ]);
    expect(await page.locator('[data-listing="11-b"]').textContent()).toMatch(/about \d+ km away/);
    expect(await page.locator('[data-listing="08-d"]').textContent()).toContain(
      "no location known",
    );
    expect(requests.filter((u) => /21\.66|103\.41|latitude|lat=/.test(u))).toEqual([]);
    expect(ctx.foreignRequests).toEqual([]);
    await ctx.context.close();
  });

  it("works without location permission", async () => {
    const { ctx, page } = await finderPage({ permissions: [] });
    await page.getByRole("button", { name: "Sort by distance from me" }).click();
    await page
      .locator("[data-finder-status]")
      .filter({ hasText: "permission not given" })
      .waitFor();
    expect(await names(page)).toHaveLength(4);
    await ctx.context.close();
  });

  it("is not there without JavaScript; the province pages are", async () => {
    const ctx = await newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto("/en/where-to-go/");
    expect(await page.locator(".finder").isVisible()).toBe(false);
    await page.getByRole("link", { name: "Điện Biên" }).click();
    expect(await page.locator("h1").textContent()).toBe("Điện Biên");
    expect(await page.locator(".commune-list li").count()).toBe(45);
    await ctx.context.close();
  });
});

describe("printing", () => {
  it.each(["/vi/where-to-go/dien-bien/xa-tuan-giao-03253/", "/vi/where-to-go/dien-bien/"])(
    "%s prints on A4 without the site's navigation",
    async (path) => {
      const ctx = await newContext();
      const page = await ctx.newPage();
      await page.goto(path);
      // The printable width of A4 (210 mm − 2 × 15 mm margins) is about 680 CSS pixels.
      await page.setViewportSize({ width: 680, height: 1000 });
      await page.emulateMedia({ media: "print" });
      expect(await page.locator(".site-header").isVisible()).toBe(false);
      expect(await page.locator(".lang-bar").isVisible()).toBe(false);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
      const pdf = await page.pdf({ format: "A4" });
      await ctx.context.close();
      expect(pdf.byteLength).toBeGreaterThan(1000);
      expect(overflow).toBeLessThanOrEqual(680); // nothing cut off at the side
    },
  );
});
