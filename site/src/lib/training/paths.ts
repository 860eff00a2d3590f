/** Where training pages live, and where the language picker sends readers of other languages. */
import type { Lang } from "../../core/i18n/languages.ts";
import { localizedPath } from "../../i18n/urls.ts";

export const trainingPath = (lang: Lang, rest = "") => localizedPath(lang, `training/${rest}`);
export const modulePath = (lang: Lang, slug: string, rest = "") =>
  trainingPath(lang, `${slug}/${rest}`);

/** Module pages exist in vi and en; H'Mông, Thái and Khmer readers go to their training index. */
export const otherLangTargets: Partial<Record<Lang, string>> = {
  hmn: "/hmn/training/",
  blt: "/blt/training/",
  km: "/km/training/",
};
