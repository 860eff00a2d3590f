/**
 * UI strings: one JSON file per language with the same keys. vi and en must be complete (a
 * unit test enforces it); a key missing in hmn, blt or km falls back to Vietnamese and the
 * caller learns so, so that the text can carry lang="vi".
 */
import vi from "../../i18n/strings/vi.json" with { type: "json" };
import en from "../../i18n/strings/en.json" with { type: "json" };
import hmn from "../../i18n/strings/hmn.json" with { type: "json" };
import blt from "../../i18n/strings/blt.json" with { type: "json" };
import km from "../../i18n/strings/km.json" with { type: "json" };
import { defaultLang, type Lang } from "./languages.ts";
import { interpolate } from "../format/interpolate.ts";

export type StringKey = keyof typeof vi;
type Strings = Partial<Record<StringKey, string>>;

export const strings: Record<Lang, Strings> = { vi, en, hmn, blt, km };

export interface LocalizedText {
  text: string;
  /** The language the text is actually in: the requested one, or vi when it fell back. */
  lang: Lang;
}

export function lookup(
  lang: Lang,
  key: StringKey,
  values?: Record<string, string | number>,
): LocalizedText {
  const own = strings[lang][key];
  if (own !== undefined && own !== "") return { text: interpolate(own, values), lang };
  const fallback = strings[defaultLang][key];
  if (fallback === undefined) throw new Error(`Unknown UI string key: ${key}`);
  return { text: interpolate(fallback, values), lang: defaultLang };
}

/** A translator bound to one language: `t("nav.home")`. */
export function useTranslations(lang: Lang) {
  const t = (key: StringKey, values?: Record<string, string | number>) =>
    lookup(lang, key, values).text;
  t.lookup = (key: StringKey, values?: Record<string, string | number>) =>
    lookup(lang, key, values);
  return t;
}

/** Keys a language lacks (used by `npm run i18n:missing` and the completeness test). */
export function missingKeys(lang: Lang): StringKey[] {
  return (Object.keys(strings[defaultLang]) as StringKey[]).filter((key) => {
    const value = strings[lang][key];
    return value === undefined || value === "";
  });
}

/** Whether a key exists (for optional texts such as hints). */
export function hasString(key: string): key is StringKey {
  return key in strings[defaultLang];
}
