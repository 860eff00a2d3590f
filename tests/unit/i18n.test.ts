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

  /** Runs `check` with H'Mông's "nav.home" set to `value` (undefined: no entry), then restores it. */
  function withHmongHome(value: string | undefined, check: () => void) {
    const key = "nav.home";
    const own = strings.hmn[key];
    const set = (v: string | undefined) =>
      v === undefined ? delete strings.hmn[key] : (strings.hmn[key] = v);
    set(value);
    try {
      check();
    } finally {
      set(own);
    }
  }

  // A language lacks a key when it has no entry or an empty one. Both are made here, so that
  // the fallback is checked whether or not today's files are complete.
  it.each([
    ["no entry", undefined],
    ["an empty entry", ""],
  ])("falls back to Vietnamese, and says so, for a key with %s", (_case, value) => {
    withHmongHome(value, () => {
      expect(missingKeys("hmn")).toContain("nav.home");
      expect(lookup("hmn", "nav.home")).toEqual({ text: strings.vi["nav.home"], lang: "vi" });
    });
  });

  it("uses a language's own text, and says so, where it has one", () => {
    withHmongHome("Tsev", () => {
      expect(missingKeys("hmn")).not.toContain("nav.home");
      expect(lookup("hmn", "nav.home")).toEqual({ text: "Tsev", lang: "hmn" });
    });
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
