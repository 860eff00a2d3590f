/** Running a search in the island, as a reader would: type, wait for the announced count. */
import type { Page } from "playwright-core";

/** Links in result order: pages first, then communes (each group ranked within its own index). */
export async function searchFor(page: Page, query: string): Promise<string[]> {
  const input = page.locator("#search-input");
  await input.click();
  await input.fill(query);
  // The status names the query whose complete results (places included) are on screen.
  await page
    .locator(`[data-search-status][data-query="${query.trim().replace(/"/g, '\\"')}"]`)
    .waitFor({ state: "attached", timeout: 20_000 });
  return page
    .locator(".search-results li a")
    .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute("href")!));
}

/** The top results of each group: guides, lessons, provinces and listings; and communes. */
export async function searchGroups(
  page: Page,
  query: string,
): Promise<{ pages: string[]; places: string[] }> {
  await searchFor(page, query);
  const links = (group: string) =>
    page
      .locator(`.search-results[data-group="${group}"] li a`)
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute("href")!));
  return { pages: await links("pages"), places: await links("places") };
}
