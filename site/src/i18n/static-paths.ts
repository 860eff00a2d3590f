/** `export const getStaticPaths = everyLanguage;` for a page that exists once per language. */
import { langCodes } from "../core/i18n/languages.ts";

export function everyLanguage() {
  return langCodes.map((lang) => ({ params: { lang } }));
}
