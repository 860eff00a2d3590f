/**
 * Finding places (communes, provinces and the units they were formed from) by name, on the
 * device, from small shards of the place list. Shared by the build, which writes the shards
 * (scripts/build/search-places.ts), and the search island, which reads them: the two must cut
 * names into words and keys the same way.
 *
 * Why not Pagefind for places: a place query must show places first within the first-search
 * budget, and a second Pagefind bundle costs ~40 KB before its first result (its metadata file
 * lists all 6,642 commune pages). A shard holds only the names that start like the query
 * (~1 KB gzip), so the island can afford to look at it before deciding what to show first.
 */
import { foldVietnamese, slugify } from "../domain/text/fold.ts";

/** One name a place can be found by. */
export type PlaceKind =
  /** a commune today (xã, phường, đặc khu) */
  | "c"
  /** a province today */
  | "p"
  /** a pre-2025 commune, ward or town, now (part of) the communes listed */
  | "f"
  /** a pre-2025 district, whose communes are now (part of) the communes listed */
  | "d"
  /** a pre-2025 province, now (part of) the province listed */
  | "q";

/** [name as written, kind, target codes separated by spaces, context (district, province)] */
export type PlaceEntry = [name: string, kind: PlaceKind, targets: string, context?: string];

export interface PlaceShard {
  /** current provinces referenced by this shard: code → name ("Thành phố Hà Nội") */
  p: Record<string, string>;
  /** current communes referenced by this shard: code → [name, province code] */
  c: Record<string, [string, string]>;
  e: PlaceEntry[];
}

/** Shards: the key of a name (see placeKey) hashed into this many files. */
export const placeBuckets = 512;

/**
 * Type words, folded, longest first: in Vietnamese before the name ("xã Tuần Giáo"), in English
 * before or after it ("Tuan Giao commune").
 */
const viTypeWords: [folded: string, marked: string][] = [
  ["thanh pho", "thành phố"],
  ["thi tran", "thị trấn"],
  ["thi xa", "thị xã"],
  ["dac khu", "đặc khu"],
  ["phuong", "phường"],
  ["quan", "quận"],
  ["huyen", "huyện"],
  ["tinh", "tỉnh"],
  ["tp", "tp"],
  ["xa", "xã"],
];
const enTypeWords = ["special zone", "commune", "ward", "district", "province", "city", "town"];

/** The type word a unit's own name starts with, folded ("Thị trấn Tuần Giáo" → "thi tran"). */
const nameTypeWords = [
  "thanh pho",
  "thi tran",
  "thi xa",
  "dac khu",
  "phuong",
  "quan",
  "huyen",
  "tinh",
  "xa",
];

/** "Xã  Tuần-Giáo," → "xa tuan giao": folded, lower case, words separated by one space. */
export function foldWords(text: string): string[] {
  return foldVietnamese(text.normalize("NFC"))
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The same words with their tone marks kept, lower case (to prefer the exact spelling). */
export function markedWords(text: string): string[] {
  return text
    .normalize("NFC")
    .toLocaleLowerCase("vi")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

const startsWithWords = (words: string[], prefix: string[]) =>
  prefix.length <= words.length && prefix.every((w, i) => words[i] === w);

/** A unit's name split into its type word and the rest: "Thị trấn Tuần Giáo" → thi tran | tuan giao. */
export function splitName(name: string): { type: string; words: string[]; marked: string[] } {
  const words = foldWords(name);
  const marked = markedWords(name);
  for (const t of nameTypeWords) {
    const tw = t.split(" ");
    if (words.length > tw.length && startsWithWords(words, tw))
      return { type: t, words: words.slice(tw.length), marked: marked.slice(tw.length) };
  }
  return { type: "", words, marked };
}

/**
 * The shard key of a name: its first word, or its first two words when the first is common
 * ("tan", "phu", "dong"… start hundreds of names), so that no shard grows past a few KB.
 */
export function placeKey(words: string[], common: ReadonlySet<string>): string {
  return common.has(words[0]!) && words.length > 1 ? `${words[0]} ${words[1]}` : words[0]!;
}

/** FNV-1a over the key's characters (ASCII after folding): the same number in Node and browsers. */
export function placeBucket(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % placeBuckets;
}

/** A Vietnamese syllable, folded: only such words can be part of a place name. */
const syllable =
  /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?(uye|uya|ie|ye|uo|ua|[aeiouy]{1,3})(ch|ng|nh|[cmnpt])?$/;
/** The last word may still be being typed: letters Vietnamese uses (no f, j, w, z). */
const syllableStart = /^[abcdeghiklmnopqrstuvxy]{1,7}$/;

export interface PlaceQuery {
  /** the name's words, folded */
  words: string[];
  /** the same words as typed, lower case, tone marks kept */
  marked: string[];
  /** the type word typed, folded ("xa", "huyen", "commune"…), if any */
  typeWord: string;
  /** whether the reader typed any tone mark or đ in the name */
  accented: boolean;
  /**
   * The other reading when the first word may be a type word or part of the name: "quan son" is
   * a district named Sơn or Xã Quan Sơn; "tinh bien" a province named Biên or Phường Tịnh Biên.
   */
  alternative?: PlaceQuery;
}

function reading(words: string[], marked: string[], typeWord: string): PlaceQuery | undefined {
  if (words.length === 0 || words.length > 6) return undefined;
  const last = words.length - 1;
  if (!words.every((w, i) => syllable.test(w) || (i === last && syllableStart.test(w))))
    return undefined;
  // Only the name's own words count: "xã tuan giao" is typed without tone marks.
  const accented = marked.some((w, i) => w !== words[i]);
  return { words, marked, typeWord, accented };
}

/**
 * Reads a query as a place name, or answers undefined when it cannot be one (a word that is no
 * Vietnamese syllable, such as "methadone" or "115", or more words than any name has).
 */
export function parsePlaceQuery(query: string): PlaceQuery | undefined {
  const words = foldWords(query);
  const marked = markedWords(query);
  if (words.length !== marked.length) return undefined;
  const whole = reading(words, marked, "");
  for (const [t, asWritten] of viTypeWords) {
    const tw = t.split(" ");
    // Typed with tone marks, they must be the type word's own: "tình trạng" is not "tỉnh Trạng".
    const typed = marked.slice(0, tw.length).join(" ");
    if (typed !== t && typed !== asWritten) continue;
    if (words.length > tw.length && startsWithWords(words, tw)) {
      const named = reading(words.slice(tw.length), marked.slice(tw.length), t);
      // Typed with its tone marks it is surely the type word; without, it may begin the name.
      if (named && typed === t && whole) named.alternative = whole;
      return named ?? whole;
    }
  }
  for (const t of enTypeWords) {
    const tw = t.split(" ");
    if (words.length <= tw.length) continue;
    if (startsWithWords(words, tw))
      return reading(words.slice(tw.length), marked.slice(tw.length), t) ?? whole;
    if (startsWithWords(words.slice(-tw.length), tw))
      return reading(words.slice(0, -tw.length), marked.slice(0, -tw.length), t) ?? whole;
  }
  return whole;
}

/** Which type words mean which kind of name ("huyen" asks for a pre-2025 district). */
function typeFits(typeWord: string, nameType: string, kind: PlaceKind): boolean | undefined {
  if (!typeWord) return undefined;
  switch (typeWord) {
    case "commune":
      return nameType === "xa";
    case "ward":
      return nameType === "phuong";
    case "district":
    case "huyen":
    case "quan":
      return kind === "d";
    case "province":
    case "tinh":
      return kind === "p" || kind === "q";
    case "city":
    case "tp":
      return nameType === "thanh pho";
    case "town":
      return nameType === "thi tran" || nameType === "thi xa";
    case "special zone":
      return nameType === "dac khu";
    default:
      return nameType === typeWord;
  }
}

/** Whether two folded words differ by one letter (changed, added, dropped or two swapped). */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1 || Math.min(a.length, b.length) < 3)
    return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

export interface PlaceMatch {
  entry: PlaceEntry;
  /** for ranking places among themselves: the whole name first, then its start */
  score: number;
  /**
   * The query names this place: its whole name (optionally followed by its province or
   * district), no letter wrong, and the same tone marks if the reader typed any.
   */
  exact: boolean;
  /** the whole name, perhaps with one letter wrong, and not with other tone marks */
  whole: boolean;
}

/** How well a name answers the query, or undefined if it does not. */
export function matchPlace(q: PlaceQuery, entry: PlaceEntry): PlaceMatch | undefined {
  const [name, kind, , context = ""] = entry;
  const n = splitName(name);
  let typos = 0;
  let prefix = false;
  const same = (qw: string, nw: string, last: boolean) => {
    if (qw === nw) return true;
    if (last && nw.startsWith(qw)) return (prefix = true);
    if (typos === 0 && oneEditApart(qw, nw)) {
      typos++;
      return true;
    }
    return false;
  };
  let whole: boolean;
  if (q.words.length <= n.words.length) {
    const last = q.words.length - 1;
    if (!q.words.every((w, i) => same(w, n.words[i]!, i === last))) return undefined;
    whole = q.words.length === n.words.length && !prefix;
    if (typos && !whole) return undefined;
  } else {
    // The name followed by where it is: "tuan giao dien bien".
    if (!n.words.every((w, i) => same(q.words[i]!, w, false))) return undefined;
    const where = new Set(foldWords(context));
    if (!q.words.slice(n.words.length).every((w) => where.has(w))) return undefined;
    whole = true;
  }
  // 100 the whole name, 80 the whole name with one letter wrong, 60 the start of a name.
  let score = whole ? (typos ? 80 : 100) : 60;
  const fits = typeFits(q.typeWord, n.type, kind);
  if (fits === true) score += 6;
  if (fits === false) score -= 6;
  // Of names that tie, today's units first, then the larger former ones.
  score += { p: 5, c: 4, q: 3, d: 2, f: 1 }[kind];
  let spelledAsWritten = true;
  if (q.accented) {
    spelledAsWritten = n.marked.every(
      (w, i) =>
        i >= q.marked.length ||
        w === q.marked[i] ||
        (i === q.marked.length - 1 && w.startsWith(q.marked[i]!)),
    );
    score += spelledAsWritten ? 8 : -12;
  }
  return {
    entry,
    score,
    exact: whole && typos === 0 && spelledAsWritten,
    whole: whole && spelledAsWritten,
  };
}

/** "Thành phố Hà Nội" → "ha-noi" (as domain/admin-units provinceSlug, without its data). */
const provinceSlugOf = (provinceName: string) => slugify(provinceName.replace(/^Thành phố /, ""));

/** A province page's path without the language (as domain/admin-units provincePath). */
export function provinceSitePath(provinceName: string): string {
  return `where-to-go/${provinceSlugOf(provinceName)}/`;
}

/** A commune page's path without the language (as domain/admin-units communePath). */
export function communeSitePath(name: string, code: string, provinceName: string): string {
  return `where-to-go/${provinceSlugOf(provinceName)}/${slugify(name)}-${code}/`;
}
