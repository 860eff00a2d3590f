import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { helpPanels } from "../../site/src/lib/help-panels.ts";

const strings = (lang: string) =>
  JSON.parse(readFileSync(`site/src/i18n/strings/${lang}.json`, "utf8")) as Record<string, string>;

describe("help panels by situation", () => {
  it("has the five situations of issue 17, in order", () => {
    expect(helpPanels.map((p) => p.id)).toEqual([
      "stop",
      "child",
      "adult",
      "in-treatment",
      "emergency",
    ]);
  });

  it.each(helpPanels.map((p) => [p.id, p.guides] as const))(
    "%s leads to 3-5 distinct guides that exist in Vietnamese and English",
    (_id, guides) => {
      expect(guides.length).toBeGreaterThanOrEqual(3);
      expect(guides.length).toBeLessThanOrEqual(5);
      expect(new Set(guides).size).toBe(guides.length);
      for (const slug of guides) {
        expect(existsSync(`site/content/guides/vi/${slug}.mdx`), `vi/${slug}`).toBe(true);
        expect(existsSync(`site/content/guides/en/${slug}.mdx`), `en/${slug}`).toBe(true);
      }
    },
  );

  it.each(["vi", "en"])("every panel heading is written in %s", (lang) => {
    const s = strings(lang);
    for (const key of [
      "panels.heading",
      "panels.call115",
      ...helpPanels.map((p) => `panels.${p.id}`),
    ])
      expect(s[key], key).toBeTruthy();
  });
});
