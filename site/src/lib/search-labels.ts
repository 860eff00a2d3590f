/** The UI strings the search island needs, in the page's language. */
import { strings, useTranslations, type StringKey } from "../core/i18n/translate.ts";
import type { Lang } from "../core/i18n/languages.ts";

export function searchLabels(lang: Lang): Record<string, string> {
  const t = useTranslations(lang);
  return Object.fromEntries(
    Object.keys(strings.vi)
      .filter(
        (k) => k.startsWith("searchbox.") || k.startsWith("lessons.band.") || k === "lesson.band",
      )
      .map((k) => [k, t(k as StringKey)]),
  );
}
