/**
 * The interface languages of the portal. Vietnamese is the default and the source language of
 * all content; every other language falls back to it, page by page and string by string.
 * To add a language: add it here, add `strings/<code>.json`, and (optionally) content files.
 */
export const languages = [
  { code: "vi", nativeName: "Tiếng Việt", englishName: "Vietnamese", script: "Latn", reviewed: true },
  { code: "en", nativeName: "English", englishName: "English", script: "Latn", reviewed: true },
  // Vietnam's H'Mông orthography (Latin). Which variety it follows is not verified (domain.md).
  { code: "hmn", nativeName: "Hmôngz", englishName: "H'Mông", script: "Latn", reviewed: false },
  // Thái Đen in Tai Viet script: needs the self-hosted font, loaded only on blt pages.
  { code: "blt", nativeName: "ꪼꪕꪒꪾ", englishName: "Thái Đen (Tai Dam)", script: "Tavt", reviewed: false },
  { code: "km", nativeName: "ខ្មែរ", englishName: "Khmer", script: "Khmr", reviewed: false },
] as const;

export type Lang = (typeof languages)[number]["code"];
export const defaultLang: Lang = "vi";
export const langCodes: Lang[] = languages.map((l) => l.code);

/** Languages whose interface and content are complete (every other one falls back to vi). */
export const fullLangs: Lang[] = ["vi", "en"];

/** Script fonts served from /fonts/, linked only on pages in that language. */
export const scriptFontCss: Partial<Record<Lang, string>> = {
  blt: "/fonts/tai-viet.css",
  km: "/fonts/khmer.css",
};

export function isLang(value: string | undefined): value is Lang {
  return value !== undefined && (langCodes as string[]).includes(value);
}

export function languageOf(code: Lang) {
  return languages.find((l) => l.code === code)!;
}
