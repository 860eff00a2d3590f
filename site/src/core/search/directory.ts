/**
 * The search directory of one language (/search-data/<lang>/pages.json, written by
 * scripts/build/search-index.ts): what the island shows for each page Pagefind finds, by
 * Pagefind's page id.
 */

/** [url, title, type, summary, province, band, phrases] (the last three only when needed) */
export type DirectoryEntry = [
  url: string,
  title: string,
  type: string,
  summary: string,
  province?: string,
  band?: string,
  /** the page's synonyms, folded, separated by "|" (site/content/search/synonyms/) */
  phrases?: string,
];

export type Directory = Record<string, DirectoryEntry>;

export const directoryPath = (lang: string) => `/search-data/${lang}/pages.json`;
/** The words of a language's index that start with this letter (folded), most frequent first. */
export const wordsPath = (lang: string, letter: string) =>
  `/search-data/${lang}/words/${letter}.json`;
export const placeShardPath = (bucket: number) => `/search-data/places/${bucket}.json`;

/** The words starting with one letter, folded, most frequent first. */
export interface WordShard {
  /** words of the language's pages (and their synonyms) */
  p: string[];
  /** words found only in place names */
  n: string[];
}
