/**
 * What the search island asks for, and nothing it does not need yet:
 *
 * - pages: Pagefind over the language's guides, lessons, pages, provinces and listings, ranked
 *   with title and keyword matches first and the exact spelling preferred; each hit shown from
 *   the small directory file instead of Pagefind's per-page fragments;
 * - places: the one place shard the query's key falls in, fetched only when the query can be a
 *   place name (every word a Vietnamese syllable, at most six); it says whether the query names
 *   a place, so that places are shown first;
 * - typo correction: the word list, fetched only when a word of the query matches nothing.
 */
import {
  communeSitePath,
  foldWords,
  markedWords,
  matchPlace,
  oneEditApart,
  parsePlaceQuery,
  placeBucket,
  placeKey,
  provinceSitePath,
  splitName,
  type PlaceMatch,
  type PlaceQuery,
  type PlaceShard,
} from "../../core/search/places.ts";
import {
  directoryPath,
  placeShardPath,
  wordsPath,
  type Directory,
  type WordShard,
} from "../../core/search/directory.ts";

export interface Hit {
  url: string;
  title: string;
  /** guide, page, lesson, province, provider, commune */
  type: string;
  summary: string;
  province?: string;
  band?: string;
  /** the link leads to a page in another language (a Vietnamese commune page for hmn readers) */
  hreflang?: string;
}

export interface Places {
  hits: Hit[];
  /** the query names a place: show places first */
  intent: boolean;
  /** every name word of the shard, to tell a typo from a place name */
  words: Set<string>;
}

interface PagefindResult {
  id: string;
  score: number;
}
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  search(q: string): Promise<{ results: PagefindResult[] } | null>;
}

/**
 * Ranking (https://pagefind.app/docs/ranking/), tuned on the search test set:
 * - a word in the title or in the page's keywords (its synonyms) counts many times a word in
 *   the text (metaWeights);
 * - a word typed with its tone marks counts double on pages that spell it so, "giáo" before
 *   "giao" (diacriticSimilarity);
 * - a whole word counts far more than a longer word it starts ("da" is "đá", not "đang"): with
 *   the default, a short query ranked pages by how many words started like it, and the order
 *   changed with the index chunks already loaded (termSimilarity);
 * - short pages (a provider listing) are favoured less than by default, so the guide on a topic
 *   is not pushed down by the listings that name it (pageLength).
 */
export const ranking = {
  metaWeights: { title: 8, keywords: 10 },
  diacriticSimilarity: 1,
  termSimilarity: 6,
  pageLength: 0.4,
};

/**
 * Pagefind folds tone marks but not đ. In Vietnamese đ only starts a syllable, so the query is
 * also searched with every word's initial d as đ ("dang ky" → "đang ky", which finds "Đăng ký").
 */
export function dVariant(term: string): string | undefined {
  const variant = term.replace(/(^|[\s-])d/g, "$1đ").replace(/(^|[\s-])D/g, "$1Đ");
  return variant === term ? undefined : variant;
}

const fetched = new Map<string, Promise<unknown>>();
function getJson<T>(path: string): Promise<T | undefined> {
  if (!fetched.has(path))
    fetched.set(
      path,
      fetch(path)
        .then((r) => (r.ok ? r.json() : undefined))
        .catch(() => {
          fetched.delete(path); // try again on the next query (the signal may come back)
          return undefined;
        }),
    );
  return fetched.get(path) as Promise<T | undefined>;
}

let pagefindLoading: Promise<Pagefind> | undefined;
function loadPagefind(): Promise<Pagefind> {
  pagefindLoading ??= import(/* @vite-ignore */ "/pagefind/pagefind.js" as string).then(
    async (pf: Pagefind) => {
      // No worker: it would be one more download for a small index.
      await pf.options({ noWorker: true, ranking });
      return pf;
    },
  );
  return pagefindLoading;
}

/**
 * "Xã Quài Cang, Huyện Tuần Giáo, Tỉnh Điện Biên" → "Xã Quài Cang, huyện Tuần Giáo, tỉnh Điện
 * Biên", as the commune page writes it in Vietnamese.
 */
const inSentence = (text: string, lang: string) =>
  lang === "en"
    ? text
    : text
        .split(", ")
        .map((part, i) => (i === 0 ? part : part.charAt(0).toLocaleLowerCase("vi") + part.slice(1)))
        .join(", ");

export class SearchEngine {
  constructor(
    readonly lang: string,
    /** the language of the commune pages linked (vi or en) */
    readonly placesLang: string,
    /** first words that start many names (see lib/search/places.ts placeKey) */
    readonly common: ReadonlySet<string>,
    /** "Trước đây: {units}" in the page's language */
    readonly formerly: (units: string) => string,
  ) {}

  /** Pages found by Pagefind, best first, with what the directory says of each. */
  async pages(term: string): Promise<Hit[]> {
    const [pf, directory] = await Promise.all([
      loadPagefind(),
      getJson<Directory>(directoryPath(this.lang)),
    ]);
    const variant = dVariant(term);
    const typed = foldWords(term).join(" ");
    // Vietnamese words are often two syllables ("gia đình"): pages with the words side by side
    // come before pages that have them apart ("gia" … "xác định").
    const phrase = typed.includes(" ") && !typed.includes('"');
    const [plain, withD, together, togetherD] = await Promise.all([
      pf.search(term),
      variant ? pf.search(variant) : null,
      phrase ? pf.search(`"${term}"`) : null,
      phrase && variant ? pf.search(`"${variant}"`) : null,
    ]);
    const side = new Set(
      [...(together?.results ?? []), ...(togetherD?.results ?? [])].map((r) => r.id),
    );
    const best = new Map<string, number>();
    for (const r of [...(plain?.results ?? []), ...(withD?.results ?? [])]) {
      const score = side.has(r.id) ? r.score * 3 : r.score;
      if ((best.get(r.id) ?? -1) < score) best.set(r.id, score);
    }
    // Best bets: the page whose title, or one of whose synonyms, is exactly what was typed.
    for (const [id, [, title, , , , , phrases = ""]] of Object.entries(directory ?? {}))
      if (foldWords(title).join(" ") === typed || phrases.split("|").includes(typed))
        best.set(id, Infinity);
    return [...best]
      .sort((a, b) => b[1] - a[1])
      .flatMap(([id]) => {
        const e = directory?.[id];
        if (!e) return [];
        const [url, title, type, summary, province, band] = e;
        return [
          { url, title, type, summary, province: province || undefined, band: band || undefined },
        ];
      });
  }

  /** Places named by the query, or undefined when the query cannot be a place name. */
  async places(term: string): Promise<Places | undefined> {
    const q = parsePlaceQuery(term);
    if (!q) return undefined;
    const first = await this.lookUp(q);
    if (first?.intent || !q.alternative) return first;
    // "quan son": not a district named Sơn, so perhaps Xã Quan Sơn.
    const other = await this.lookUp(q.alternative);
    if (!first || !other) return first ?? other;
    const seen = new Set(other.hits.map((h) => h.url));
    return {
      hits: [...other.hits, ...first.hits.filter((h) => !seen.has(h.url))],
      intent: other.intent,
      words: new Set([...first.words, ...other.words]),
    };
  }

  private async lookUp(q: PlaceQuery): Promise<Places | undefined> {
    const shard = await getJson<PlaceShard>(
      placeShardPath(placeBucket(placeKey(q.words, this.common))),
    );
    if (!shard) return undefined;
    const words = new Set<string>();
    const matches: PlaceMatch[] = [];
    for (const entry of shard.e) {
      for (const w of splitName(entry[0]).words) words.add(w);
      const m = matchPlace(q, entry);
      if (m) matches.push(m);
    }
    matches.sort((a, b) => b.score - a.score);
    const byUrl = new Map<string, { hit: Hit; score: number }>();
    const add = (hit: Hit, score: number) => {
      if ((byUrl.get(hit.url)?.score ?? -Infinity) < score) byUrl.set(hit.url, { hit, score });
    };
    for (const { entry, score } of matches) {
      const [name, kind, targets, context] = entry;
      const formerName =
        kind === "c" || kind === "p" ? undefined : [name, context].filter(Boolean).join(", ");
      for (const code of targets.split(" ")) {
        if (kind === "p" || kind === "q") {
          const province = shard.p[code]!;
          add(
            {
              url: `/${this.lang}/${provinceSitePath(province)}`,
              title: province,
              type: "province",
              summary: formerName ? this.formerly(inSentence(formerName, this.lang)) : "",
              province,
            },
            score,
          );
        } else {
          const [communeName, provinceCode] = shard.c[code]!;
          const province = shard.p[provinceCode]!;
          // Of the communes a district became, the one that kept its name first.
          const kept = splitName(communeName).words.join(" ") === splitName(name).words.join(" ");
          add(
            {
              url: `/${this.placesLang}/${communeSitePath(communeName, code, province)}`,
              title: communeName,
              type: "commune",
              summary: formerName ? this.formerly(inSentence(formerName, this.lang)) : "",
              province,
              hreflang: this.placesLang === this.lang ? undefined : this.placesLang,
            },
            score + (kept ? 1 : 0),
          );
        }
      }
    }
    const hits = [...byUrl.values()].sort((a, b) => b.score - a.score).map((x) => x.hit);
    // A place is meant when its whole name is typed (one letter wrong is forgiven in a name of
    // two words or more), or any name after a type word ("xã …", "huyện …").
    const intent = matches.some(
      (m) => m.exact || (m.whole && q.words.length > 1) || (q.typeWord && m.score >= 60),
    );
    return { hits, intent, words };
  }

  /** On how many pages the words appear together, in this order. */
  private async together(phrase: string): Promise<number> {
    const pf = await loadPagefind();
    const variant = dVariant(phrase);
    const [a, b] = await Promise.all([
      pf.search(`"${phrase}"`),
      variant ? pf.search(`"${variant}"`) : null,
    ]);
    return new Set([...(a?.results ?? []), ...(b?.results ?? [])].map((r) => r.id)).size;
  }

  /**
   * The query with a word that matches nothing replaced by a known word one letter away, or
   * undefined when every word is known or none is close. Of the close words, the first that
   * names a place (for a place query) or that appears next to the other words on a page wins,
   * else the most frequent. A word found only in place names counts as unknown unless the
   * query names a place ("qua leu" is "qua liều", not the hamlet Lếu). Fetches the word list of
   * each word's first letter (a few hundred bytes), after the results are shown.
   */
  async correct(term: string, places: Places | undefined): Promise<string | undefined> {
    const folded = foldWords(term);
    const tokens = markedWords(term);
    if (folded.length !== tokens.length || folded.length > 6) return undefined;
    const checked = folded
      .map((w, i) => ({ w, i }))
      .filter(({ w }) => w.length >= 3 && /^[a-z]+$/.test(w))
      // A place is named and this word is in its name: nothing to correct.
      .filter(({ w }) => !(places?.intent && places.words.has(w)));
    const shards = await Promise.all(
      checked.map(({ w }) => getJson<WordShard>(wordsPath(this.lang, w[0]!))),
    );
    const asPlace = Boolean(parsePlaceQuery(term));
    const unknown: { i: number; options: string[] }[] = [];
    checked.forEach(({ w, i }, k) => {
      const shard = shards[k];
      if (!shard) return;
      if (shard.p.includes(w) || shard.p.some((v) => v.startsWith(w))) return;
      if (places?.intent && (shard.n.includes(w) || places.words.has(w))) return;
      const pool = asPlace ? [...shard.p, ...shard.n] : shard.p;
      const close = pool.filter((v) => oneEditApart(w, v)).slice(0, 4);
      if (close.length) unknown.push({ i, options: close });
    });
    if (unknown.length === 0) return undefined;
    const spell = (pick: (k: number) => string) => {
      const out = [...tokens];
      unknown.forEach(({ i }, k) => (out[i] = pick(k)));
      return out.join(" ");
    };
    if (unknown.length === 1 && unknown[0]!.options.length > 1) {
      const { options } = unknown[0]!;
      if (asPlace)
        for (const v of options) {
          const candidate = spell(() => v);
          if ((await this.places(candidate))?.intent) return candidate;
        }
      if (folded.length > 1) {
        // The spelling whose words stand together on the most pages.
        const counts = await Promise.all(
          options.map((v) => this.together(foldWords(spell(() => v)).join(" "))),
        );
        const most = Math.max(...counts);
        if (most > 0) return spell(() => options[counts.indexOf(most)]!);
      }
    }
    return spell((k) => unknown[k]!.options[0]!);
  }
}
