/** Every page lives under a language prefix: /vi/…, /en/…, /hmn/…, /blt/…, /km/… */
import { isLang, type Lang } from "../core/i18n/languages.ts";

/** "/en/guides/x/" -> "guides/x/"; "/" -> "" */
export function pathWithoutLang(pathname: string): string {
  const [, first, ...rest] = pathname.split("/");
  if (isLang(first)) return rest.join("/");
  return pathname.replace(/^\//, "");
}

export function localizedPath(lang: Lang, path = ""): string {
  const clean = path.replace(/^\/+/, "");
  return `/${lang}/${clean}`;
}

export function langFromPath(pathname: string): Lang | undefined {
  const first = pathname.split("/")[1];
  return isLang(first) ? first : undefined;
}
