/** axe-core with the WCAG 2.2 A and AA rules, on a page already loaded. */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";

export const wcag22aa = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(wcag22aa).analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(" ")})`,
  );
}
