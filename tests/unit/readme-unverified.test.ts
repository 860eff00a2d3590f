import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  unverifiedEnd,
  unverifiedMarkdown,
  unverifiedStart,
  withUnverifiedSection,
} from "../../scripts/lib/unverified.ts";

describe("README: what is not verified", () => {
  const readme = readFileSync("README.md", "utf8");
  const section = readme.slice(
    readme.indexOf(unverifiedStart),
    readme.indexOf(unverifiedEnd) + unverifiedEnd.length,
  );

  it("lists exactly the [U] claims and unconfirmed texts (npm run readme:unverified)", () => {
    expect(section).toBe(unverifiedMarkdown("site/content"));
  });

  it("names every [U] claim by id and article", () => {
    const generated = unverifiedMarkdown("site/content");
    expect(generated).toContain("`u-fee`; 163/2026/NĐ-CP, Article 130(4)");
    expect(generated).toContain("Whether 90/2016/NĐ-CP");
  });

  it("would notice a list that fell behind the claims", () => {
    const stale = withUnverifiedSection(readme, `${unverifiedStart}\n- nothing\n${unverifiedEnd}`);
    expect(stale).not.toContain(unverifiedMarkdown("site/content"));
  });
});
