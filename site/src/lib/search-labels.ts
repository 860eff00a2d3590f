/** What the search island needs from the page: its UI strings and the place keys' common words. */
import { strings, useTranslations, type StringKey } from "../core/i18n/translate.ts";
import type { Lang } from "../core/i18n/languages.ts";
import { communeLinkLang } from "./where-paths.ts";
import { placeNames } from "../core/search/place-names.ts";

const islandKeys = (Object.keys(strings.vi) as StringKey[]).filter(
  (k) =>
    k.startsWith("searchbox.") ||
    k.startsWith("lessons.band.") ||
    k === "lesson.band" ||
    k === "where.formerly",
);

export function searchLabels(lang: Lang): Record<string, string> {
  const t = useTranslations(lang);
  return Object.fromEntries(islandKeys.map((k) => [k, t(k)]));
}

/** The island's strings that fall back to Vietnamese in this language (shown with lang="vi"). */
export function fallbackLabels(lang: Lang): string[] {
  const t = useTranslations(lang);
  return islandKeys.filter((k) => t.lookup(k).lang !== lang);
}

/** The search island's props that depend only on the language. */
export function searchBoxProps(lang: Lang) {
  return {
    labels: searchLabels(lang),
    fallbackLabels: fallbackLabels(lang),
    lang,
    placesLang: communeLinkLang(lang),
    commonPlaceWords: [...placeNames().common].sort(),
  };
}
