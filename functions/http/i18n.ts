/** The Worker speaks the site's languages, with the same UI strings files. */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.ts";
import { defaultLang, isLang, type Lang } from "../../site/src/core/i18n/languages.ts";
import { lookup, type StringKey } from "../../site/src/core/i18n/translate.ts";

export type { Lang, StringKey };

export function langOr(value: string | undefined | null, fallback: Lang = defaultLang): Lang {
  return value && isLang(value) ? value : fallback;
}

export function t(lang: Lang, key: StringKey, values?: Record<string, string | number>): string {
  return lookup(lang, key, values).text;
}

/**
 * The language of the request, from its path ("/en/report/"); Vietnamese where the path has
 * none. API requests name theirs in the body, which the body middleware reads (http/body.ts).
 */
export function language(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("lang", langOr(c.req.path.split("/")[1]));
    await next();
  };
}
