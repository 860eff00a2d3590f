/** Which languages get a page per commune: vi and en (see README, "Scale"), to stay within 20,000 files. */
import type { Lang } from "../core/i18n/languages.ts";
export const communePageLangs: Lang[] = ["vi", "en"];

/** A commune link for a reader of `lang`: their own language where commune pages exist, else Vietnamese. */
export function communeLinkLang(lang: Lang): Lang {
  return communePageLangs.includes(lang) ? lang : "vi";
}
