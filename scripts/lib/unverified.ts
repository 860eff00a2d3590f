/**
 * The README's "What is not verified" list, made from the [U] claims in
 * site/content/legal/claims/ and the [U]-status sources: one place to correct, and a unit test
 * keeps the README in step with it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { legalSourceSchema, type LegalSource } from "../../site/src/core/schemas/legal-source.ts";
import { formatArticle } from "../../site/src/core/format/legal-articles.ts";
import { loadClaimFiles } from "./legal-claims.ts";

export const unverifiedStart = "<!-- unverified:start -->";
export const unverifiedEnd = "<!-- unverified:end -->";

export function unverifiedMarkdown(contentDir: string): string {
  const sources = new Map<string, LegalSource>(
    ((parseYaml(readFileSync(join(contentDir, "legal/sources.yaml"), "utf8")) ?? []) as unknown[])
      .map((raw) => legalSourceSchema.parse(raw))
      .map((s) => [s.id, s]),
  );
  const { claims } = loadClaimFiles(join(contentDir, "legal/claims"));
  const where = (source: string, article?: string) => {
    const s = sources.get(source);
    const number = s ? s.number : source;
    return article ? `${number}, ${formatArticle("en", article)}` : number;
  };
  const lines = claims
    .filter((c) => c.confidence === "U")
    .map(
      (c) => `- ${c.statementEn.replace(/\.$/, "")} (\`${c.id}\`; ${where(c.source, c.article)}).`,
    );
  const texts = [...sources.values()]
    .filter((s) => s.status === "unconfirmed")
    .map((s) => `- Whether ${s.number} (${s.titleEn}) still applies after 01/07/2026.`);
  // Blank lines around the markers, as Prettier leaves Markdown.
  return [
    unverifiedStart,
    "",
    'Statements marked [U] in `site/content/legal/claims/` (pages show them only as "not confirmed,',
    'ask the commune police"), by the article they concern:',
    "",
    ...lines,
    "",
    "Legal texts whose status since 01/07/2026 is not confirmed (`status: unconfirmed` in",
    "`site/content/legal/sources.yaml`):",
    "",
    ...texts,
    "",
    unverifiedEnd,
  ].join("\n");
}

/** The README with its unverified section replaced by `section`. */
export function withUnverifiedSection(readme: string, section: string): string {
  const start = readme.indexOf(unverifiedStart);
  const end = readme.indexOf(unverifiedEnd);
  if (start < 0 || end < start) throw new Error(`README.md lacks the ${unverifiedStart} markers`);
  return readme.slice(0, start) + section + readme.slice(end + unverifiedEnd.length);
}
