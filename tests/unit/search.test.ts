/**
 * Search logic that runs on the device, tested on the real data: reading a query as a place,
 * matching names (whole, start, one letter wrong, tone marks), the shard every name is found
 * in, the paths the island builds, the synonym files, and the search test set itself.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  communePath,
  communes,
  provinceByCode,
  provincePath,
  provinces,
} from "../../site/src/core/domain/admin-units/index.ts";
import {
  communeSitePath,
  matchPlace,
  oneEditApart,
  parsePlaceQuery,
  placeBucket,
  placeKey,
  provinceSitePath,
  splitName,
  type PlaceEntry,
} from "../../site/src/core/search/places.ts";
import { placeKeyOf, placeNames } from "../../site/src/core/search/place-names.ts";
import {
  checkSynonyms,
  loadSynonymFiles,
  synonymKeywords,
} from "../../scripts/lib/search-synonyms.ts";
import { dVariant } from "../../site/src/islands/search/engine.ts";
import { loadSearchQueries } from "../support/search-queries.ts";

const root = join(import.meta.dirname, "../..");

describe("reading a query as a place", () => {
  it("takes off the type word, with or without tone marks, before or after (English)", () => {
    expect(parsePlaceQuery("xa tuan giao")).toMatchObject({
      words: ["tuan", "giao"],
      typeWord: "xa",
      accented: false,
    });
    expect(parsePlaceQuery("Xã Tuần Giáo")).toMatchObject({
      words: ["tuan", "giao"],
      marked: ["tuần", "giáo"],
      typeWord: "xa",
      accented: true,
    });
    expect(parsePlaceQuery("thi tran Yen Son")).toMatchObject({ typeWord: "thi tran" });
    expect(parsePlaceQuery("Tuan Giao commune")).toMatchObject({
      words: ["tuan", "giao"],
      typeWord: "commune",
    });
  });

  it("a type word typed with other tone marks is a word of the name: tình is not tỉnh", () => {
    expect(parsePlaceQuery("tình trạng")).toMatchObject({ typeWord: "", words: ["tinh", "trang"] });
  });

  it("is not a place when a word is no Vietnamese syllable, or the query is long", () => {
    expect(parsePlaceQuery("methadone")).toBeUndefined();
    expect(parsePlaceQuery("115")).toBeUndefined();
    expect(parsePlaceQuery("a b c d e f g")).toBeUndefined();
    expect(parsePlaceQuery("dang ky")).toBeDefined();
  });
});

describe("matching a name", () => {
  const tuanGiao: PlaceEntry = ["Xã Tuần Giáo", "c", "03253"];
  it("the whole name is exact; its start is not; its province may follow", () => {
    expect(matchPlace(parsePlaceQuery("tuan giao")!, tuanGiao)?.exact).toBe(true);
    expect(matchPlace(parsePlaceQuery("tuan gi")!, tuanGiao)?.exact).toBe(false);
    expect(matchPlace(parsePlaceQuery("quai cang")!, tuanGiao)).toBeUndefined();
    const former: PlaceEntry = ["Xã Quài Cang", "f", "03253", "Huyện Tuần Giáo, Tỉnh Điện Biên"];
    expect(matchPlace(parsePlaceQuery("quai cang dien bien")!, former)?.exact).toBe(true);
  });

  it("one letter wrong still matches, but does not name the place", () => {
    const m = matchPlace(parsePlaceQuery("tuan giap")!, tuanGiao);
    expect(m?.exact).toBe(false);
    expect(m!.score).toBeGreaterThan(matchPlace(parsePlaceQuery("tuan g")!, tuanGiao)!.score);
    expect(oneEditApart("cang", "cnag")).toBe(true);
    expect(oneEditApart("nghien", "ngien")).toBe(true);
    expect(oneEditApart("ke", "ka")).toBe(false); // too short to guess
  });

  it("typed with tone marks, only the same spelling names the place: gia đình is not Gia Định", () => {
    const giaDinh: PlaceEntry = ["Phường Gia Định", "c", "26944"];
    expect(matchPlace(parsePlaceQuery("gia dinh")!, giaDinh)?.exact).toBe(true);
    expect(matchPlace(parsePlaceQuery("gia định")!, giaDinh)?.exact).toBe(true);
    expect(matchPlace(parsePlaceQuery("gia đình")!, giaDinh)?.exact).toBe(false);
  });

  it("the type word typed ranks that kind of unit first", () => {
    const xa: PlaceEntry = ["Xã Yên Sơn", "c", "02473"];
    const town: PlaceEntry = ["Thị trấn Yên Sơn", "f", "02473", "Huyện Yên Sơn, Tỉnh Tuyên Quang"];
    const q = parsePlaceQuery("thi tran yen son")!;
    expect(matchPlace(q, town)!.score).toBeGreaterThan(matchPlace(q, xa)!.score);
  });
});

describe("the place shards", () => {
  const { entries, common } = placeNames();

  it("hold today's communes and provinces and every pre-2025 unit", () => {
    expect(entries.filter((e) => e[1] === "c").length).toBeGreaterThanOrEqual(3321);
    expect(entries.filter((e) => e[1] === "p")).toHaveLength(34);
    expect(entries.some((e) => e[0] === "Xã Quài Cang" && e[1] === "f")).toBe(true);
    expect(entries.some((e) => e[0] === "Huyện Xuân Lộc" && e[1] === "d")).toBe(true);
    expect(entries.some((e) => e[0] === "Tỉnh Hà Giang" && e[1] === "q")).toBe(true);
  });

  it("a query of a whole name looks in the shard its name is in", () => {
    for (const entry of entries) {
      const q = parsePlaceQuery(splitName(entry[0]).words.join(" "));
      if (!q) continue; // names with digits ("Phường 1") are found by the province's list
      const readings = [q, q.alternative].filter((r) => r !== undefined);
      const buckets = readings.map((r) => placeBucket(placeKey(r.words, common)));
      expect(buckets, entry[0]).toContain(placeBucket(placeKeyOf(entry, common)));
    }
  });

  it("the island builds the same paths as the site", () => {
    for (const c of communes) {
      const province = provinceByCode(c.provinceCode)!;
      expect(communeSitePath(c.name, c.code, province.name)).toBe(communePath(c));
    }
    for (const p of provinces) expect(provinceSitePath(p.name)).toBe(provincePath(p));
  });
});

describe("synonyms", () => {
  const { byLang, problems } = loadSynonymFiles(join(root, "site/content/search/synonyms"));

  it("every file is valid, in vi and en at least; each page exists in its language, each phrase leads to one page, no stigmatising word", () => {
    expect(problems).toEqual([]);
    expect([...byLang.keys()].sort()).toEqual(expect.arrayContaining(["en", "vi"]));
    expect(checkSynonyms(join(root, "site/content"))).toEqual([]);
  });

  it("the check finds a missing page, a phrase for two pages and a stigmatising word", () => {
    const dir = mkdtempSync(join(tmpdir(), "synonyms-"));
    mkdirSync(join(dir, "search/synonyms"), { recursive: true });
    mkdirSync(join(dir, "guides/vi"), { recursive: true });
    writeFileSync(join(dir, "guides/vi/emergencies.mdx"), "---\n---\n");
    writeFileSync(
      join(dir, "search/synonyms/vi.yaml"),
      [
        "- { page: guides/emergencies, words: [ngáo đá, con nghiện] }",
        "- { page: guides/nowhere, words: [ngao da] }",
      ].join("\n"),
    );
    const messages = checkSynonyms(dir).map((p) => p.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining("guides/nowhere: no such page in vi"),
        expect.stringContaining('"ngao da" leads to both guides/emergencies and guides/nowhere'),
        expect.stringContaining("stigmatising term"),
      ]),
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it("are indexed as written; a query typed with d is also searched with đ", () => {
    expect(
      synonymKeywords([
        { page: "guides/emergencies", words: ["ngáo đá", "đá"] },
        { page: "guides/emergencies", words: ["đá", "ke"] },
      ]),
    ).toBe("ngáo đá, đá, ke");
    expect(dVariant("ngao da")).toBe("ngao đa");
  });
});

describe("the search test set (tests/data/search-queries.yaml)", () => {
  const queries = loadSearchQueries();
  it("has at least 60 queries of every kind, and each expected page exists", () => {
    expect(queries.length).toBeGreaterThanOrEqual(60);
    for (const kind of ["place", "former-name", "slang", "typo", "english"])
      expect(queries.filter((q) => q.kind === kind).length, kind).toBeGreaterThanOrEqual(4);
    const paths = new Set<string>();
    for (const lang of ["vi", "en"])
      for (const c of communes) paths.add(`/${lang}/${communePath(c)}`);
    for (const q of queries) {
      if (paths.has(q.expect)) continue;
      const built = join(root, "dist", q.expect, "index.html");
      const [, lang, section, slug] = q.expect.split("/");
      const content =
        section === "guides" || section === "lessons"
          ? join(root, "site/content", section, lang!, `${slug}.mdx`)
          : join(root, "site/content/pages", lang!, `${section}.mdx`);
      const province = provinces.some((p) => `/${lang}/${provincePath(p)}` === q.expect);
      expect(province || existsSync(content) || existsSync(built), q.expect).toBe(true);
    }
  });
});
