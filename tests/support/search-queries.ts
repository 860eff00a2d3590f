/** The search test set (tests/data/search-queries.yaml): its schema and loader. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { langCodes } from "../../site/src/core/i18n/languages.ts";

export const searchQueryKinds = [
  "topic",
  "place",
  "former-name",
  "slang",
  "plain-words",
  "typo",
  "english",
  "other-language",
] as const;

export const searchQuerySchema = z.object({
  lang: z.enum(langCodes as [string, ...string[]]),
  query: z.string().trim().min(2),
  expect: z.string().regex(/^\/[a-z]{2,3}\/([a-z0-9-]+\/)*$/, "a site path such as /vi/guides/x/"),
  kind: z.enum(searchQueryKinds),
  note: z.string().optional(),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export const searchQueriesFile = fileURLToPath(
  new URL("../data/search-queries.yaml", import.meta.url),
);

export function loadSearchQueries(): SearchQuery[] {
  return z.array(searchQuerySchema).parse(parseYaml(readFileSync(searchQueriesFile, "utf8")));
}
