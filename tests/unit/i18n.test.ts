import { describe, expect, it } from "vitest";
import { langCodes, fullLangs } from "../../site/src/core/i18n/languages.ts";
import { lookup, missingKeys, strings } from "../../site/src/core/i18n/translate.ts";

describe("UI strings", () => {
  const viKeys = Object.keys(strings.vi).sort();

  it.each(fullLangs)("%s has every key", (lang) => {
    expect(missingKeys(lang)).toEqual([]);
    expect(Object.keys(strings[lang]).sort()).toEqual(viKeys);
  });

  it.each(langCodes)("%s has no key that Vietnamese lacks", (lang) => {
    const extra = Object.keys(strings[lang]).filter((k) => !(k in strings.vi));
    expect(extra).toEqual([]);
  });

  it("falls back to Vietnamese, and says so, for a key a language lacks", () => {
    const key = missingKeys("hmn")[0] ?? missingKeys("blt")[0] ?? missingKeys("km")[0];
    if (key === undefined) return expect(missingKeys("hmn")).toEqual([]); // all complete: nothing falls back
    const lang = (["hmn", "blt", "km"] as const).find((l) => missingKeys(l).includes(key))!;
    expect(lookup(lang, key)).toEqual({ text: lookup("vi", key).text, lang: "vi" });
  });

  it("interpolates values", () => {
    expect(lookup("en", "help.emergency", { number: "115" }).text).toContain("call 115");
  });

  it("keeps placeholders the same in every language", () => {
    for (const lang of langCodes) {
      for (const [key, text] of Object.entries(strings[lang])) {
        const own = (text ?? "").match(/\{\w+\}/g)?.sort() ?? [];
        const source =
          ((strings.vi as Record<string, string>)[key] ?? "").match(/\{\w+\}/g)?.sort() ?? [];
        expect(own, `${lang} ${key}`).toEqual(source);
      }
    }
  });
});
