/**
 * Words that stigmatise the people this site serves (../shared/domain.md, "Language to use").
 * The tests reject them anywhere in content and UI strings. "đối tượng" alone is legal
 * vocabulary ("đối tượng áp dụng") and is rejected only where it names people.
 */
const vietnamese = [
  "con nghiện",
  "bọn nghiện",
  "dân nghiện",
  "nghiện ngập",
  "đối tượng nghiện",
  "đối tượng sử dụng ma túy",
  "đối tượng sử dụng ma tuý",
  "kẻ nghiện",
  "thằng nghiện",
];

const wholeWord = (phrase: string) =>
  new RegExp(`(?<![\\p{L}\\p{N}])${phrase.replace(/\s+/g, "\\s+")}(?![\\p{L}\\p{N}])`, "giu");

const patterns: { term: string; pattern: RegExp }[] = [
  ...vietnamese.map((term) => ({ term, pattern: wholeWord(term) })),
  { term: "junkie", pattern: /\bjunkies?\b/gi },
  { term: "drug abuser", pattern: /\bdrug\s+abusers?\b/gi },
  // "addict" as a noun for a person; "addicted", "addiction", "addictive" are not matched.
  { term: "addict", pattern: /\baddicts?\b/gi },
  {
    term: "clean/dirty (test results)",
    pattern:
      /\b(clean|dirty)\s+(tests?|urine|results?|samples?|screens?)\b|\b(tested|tests?|testing|came|come|comes)\s+(back\s+)?(clean|dirty)\b|\b(stay|stays|staying|get|gets|getting|got|be|being)\s+clean\b/gi,
  },
];

export interface StigmaHit {
  term: string;
  text: string;
  index: number;
}

/** Folds NFD input so "nghiện" typed with combining marks is still caught. */
export function findStigmaTerms(text: string): StigmaHit[] {
  const normalized = text.normalize("NFC");
  const hits: StigmaHit[] = [];
  for (const { term, pattern } of patterns) {
    pattern.lastIndex = 0;
    for (const m of normalized.matchAll(pattern))
      hits.push({ term, text: m[0], index: m.index ?? 0 });
  }
  return hits;
}
