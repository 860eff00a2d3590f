/**
 * The interface languages of the portal. Vietnamese is the default and the source language of
 * all content; every other language falls back to it, page by page and string by string.
 * To add a language: add it here, add `strings/<code>.json`, and (optionally) content files.
 */
export const languages = [
  {
    code: "vi",
    nativeName: "Tiếng Việt",
    englishName: "Vietnamese",
    script: "Latn",
    reviewed: true,
  },
  { code: "en", nativeName: "English", englishName: "English", script: "Latn", reviewed: true },
  // Vietnam's H'Mông orthography (Latin). Which variety it follows is not verified (domain.md).
  { code: "hmn", nativeName: "Hmôngz", englishName: "H'Mông", script: "Latn", reviewed: false },
  // Thái Đen in Tai Viet script: needs the self-hosted font, loaded only on blt pages.
  {
    code: "blt",
    nativeName: "ꪼꪕꪒꪾ",
    englishName: "Thái Đen (Tai Dam)",
    script: "Tavt",
    reviewed: false,
  },
  { code: "km", nativeName: "ខ្មែរ", englishName: "Khmer", script: "Khmr", reviewed: false },
] as const;

export type Lang = (typeof languages)[number]["code"];
export const defaultLang: Lang = "vi";
export const langCodes: Lang[] = languages.map((l) => l.code);

/** Languages whose interface and content are complete (every other one falls back to vi). */
export const fullLangs: Lang[] = ["vi", "en"];

/**
 * Script fonts, self-hosted in /fonts/ and declared only on pages in that language (a font
 * installed on the phone is used first). Inlined in the page: no extra round trip. Text waits
 * for the font (font-display: block) because without it Khmer or Tai Viet shows as boxes, and
 * the file is preloaded: Khmer laid out in a fallback font wraps differently, so a font that
 * arrived after the first paint moved the page (Lighthouse CLS 0.08-0.16 on km pages).
 */
export const scriptFonts: Partial<Record<Lang, { family: string; file: string; range: string }>> = {
  blt: {
    family: "Noto Sans Tai Viet",
    file: "/fonts/noto-sans-tai-viet-400.woff2",
    range: "U+200C-200D,U+25CC,U+A78B-A78C,U+AA80-AADF",
  },
  km: {
    family: "Noto Sans Khmer",
    file: "/fonts/noto-sans-khmer-400.woff2",
    range: "U+1780-17FF,U+19E0-19FF,U+200C-200D,U+25CC",
  },
};

export const scriptFontCss: Partial<Record<Lang, string>> = Object.fromEntries(
  Object.entries(scriptFonts).map(([lang, { family, file, range }]) => [
    lang,
    `@font-face{font-family:"${family}";font-style:normal;font-weight:400;font-display:block;` +
      `src:local("${family}"),local("${family.replace(/ /g, "")}-Regular"),url(${file}) format("woff2");unicode-range:${range}}` +
      `html:lang(${lang}) body{font-family:"${family}",var(--font-system)}`,
  ]),
);

export function isLang(value: string | undefined): value is Lang {
  return value !== undefined && (langCodes as string[]).includes(value);
}

export function languageOf(code: Lang) {
  return languages.find((l) => l.code === code)!;
}
