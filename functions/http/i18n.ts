/** The Worker speaks the site's languages, with the same UI strings files. */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.ts";
import { defaultLang, isLang, type Lang } from "../../site/src/core/i18n/languages.ts";
import { lookup, type StringKey } from "../../site/src/core/i18n/translate.ts";

export type { Lang, StringKey };

export function langOr(value: string | undefined | null, fallback: Lang = defaultLang): Lang {
  return value && isLang(value) ? value : fallback;
}

/** The language of a path like "/en/report/"; Vietnamese where it names none. */
export function langOfPath(pathname: string): Lang {
  return langOr(pathname.split("/")[1]);
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
    c.set("lang", langOfPath(c.req.path));
    await next();
  };
}

/**
 * Fills `slots[name]` with a UI string, and notes in `langs[name]` when the reader's language
 * lacks it and the text is Vietnamese, so the page marks it lang="vi" (WCAG 3.1.2).
 */
export function slotText(
  slots: Record<string, string>,
  langs: Record<string, string>,
  name: string,
  lang: Lang,
  key: StringKey,
  values?: Record<string, string | number>,
): void {
  const found = lookup(lang, key, values);
  slots[name] = found.text;
  if (found.lang !== lang) langs[name] = found.lang;
}
