/** The Worker speaks the site's languages, with the same UI strings files. */
import { defaultLang, isLang, type Lang } from "../../site/src/core/i18n/languages.ts";
import { lookup, type StringKey } from "../../site/src/core/i18n/translate.ts";

export type { Lang, StringKey };

export function langOr(value: string | undefined | null, fallback: Lang = defaultLang): Lang {
  return value && isLang(value) ? value : fallback;
}

/** The language of a path like "/en/report/". */
export function langOfPath(pathname: string): Lang {
  return langOr(pathname.split("/")[1]);
}

export function t(lang: Lang, key: StringKey, values?: Record<string, string | number>): string {
  return lookup(lang, key, values).text;
}
