/**
 * Phone numbers in content. A wrong or invented number can send a family the wrong way
 * (../shared/domain.md, "Contacts: what may be published"), so content may print only the
 * numbers listed here; any other number must come through the provider data, which carries
 * its source. Adding a number to this list needs a cited source in domain.md.
 */
export const publishableNumbers: ReadonlyMap<string, string> = new Map([
  ["115", "national medical emergency number (domain.md)"],
]);

export interface PhoneHit {
  text: string;
  digits: string;
  index: number;
}

// Digits joined by spaces, dots or hyphens (how Vietnamese numbers are written), optionally
// after +84; short service numbers (11x) and 1800/1900 lines are caught separately.
const longNumber = /(?<![\p{L}\p{N}\/])(?:\+84[ .-]?|0)\d(?:[ .-]?\d){7,9}(?![\p{N}\/])/gu;
const serviceLine =
  /(?<![\p{L}\p{N}\/.-])(?:1[89]00[ .-]?\d{3,4}(?:[ .-]?\d{1,2})?|11[1-9])(?![\p{N}\/]|[.-]\d)/gu;

const referencePrefix = /(?:điều|khoản|điểm|article|clause|section|trang|page|số)\s*$/iu;

/** Numbers that look like Vietnamese phone numbers and are not on the publishable list. */
export function findPhoneNumbers(text: string): PhoneHit[] {
  const hits: PhoneHit[] = [];
  for (const pattern of [longNumber, serviceLine]) {
    for (const m of text.matchAll(pattern)) {
      const digits = m[0].replace(/\D/g, "").replace(/^84/, "0");
      // "Điều 113", "Article 112": article and clause numbers are not phone numbers.
      if (
        digits.length <= 4 &&
        referencePrefix.test(text.slice(Math.max(0, (m.index ?? 0) - 12), m.index))
      )
        continue;
      const looksLikePhone =
        digits.length <= 4 ||
        /^0(?:[35789]\d{8}|2\d{9})$/.test(digits) ||
        /^1[89]00\d{4,6}$/.test(digits);
      if (looksLikePhone && !publishableNumbers.has(digits))
        hits.push({ text: m[0], digits, index: m.index ?? 0 });
    }
  }
  return hits;
}
