/**
 * The words people type for a page that does not use them: street names, plain words for legal
 * terms, English. One file per language, site/content/search/synonyms/<lang>.yaml; the build
 * indexes each entry's words as hidden search metadata of its page (scripts/build/search-index.ts).
 */
import { z } from "zod";

export const synonymEntrySchema = z.object({
  /** The page to find, without the language: "guides/emergencies", "lessons/upper-law", "essentials". */
  page: z
    .string()
    .regex(
      /^[a-z0-9-]+(\/[a-z0-9-]+)?$/,
      'a page path without language or slashes around it, e.g. "guides/emergencies"',
    ),
  /** What people type, as they type it (tone marks optional: both spellings are searched). */
  words: z.array(z.string().trim().min(2).max(60)).min(1),
  /** What the words mean, for reviewers (not shown). */
  note: z.string().optional(),
});

export const synonymFileSchema = z.array(synonymEntrySchema);

export type SynonymEntry = z.infer<typeof synonymEntrySchema>;
