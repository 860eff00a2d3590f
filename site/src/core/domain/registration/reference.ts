/**
 * Reference codes: 10 random characters and a check character, from an alphabet without the
 * look-alikes 0/O, 1/I/L and U (Crockford), shown as "K7QM-3WXP-9TA". 50 random bits: not
 * guessable, not sequential; the check character catches a mistyped character.
 */
export const referenceAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ"; // 30 symbols, no 0 1 I L O U

/** Luhn mod N over the alphabet: the check character of `body`. */
export function checkCharacter(body: string): string {
  const n = referenceAlphabet.length;
  let factor = 2;
  let sum = 0;
  for (let i = body.length - 1; i >= 0; i--) {
    const code = referenceAlphabet.indexOf(body[i]!);
    if (code < 0) throw new Error("not a reference character");
    let addend = factor * code;
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / n) + (addend % n);
    sum += addend;
  }
  return referenceAlphabet[(n - (sum % n)) % n]!;
}

export function newReference(
  random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = (b) => crypto.getRandomValues(b),
): string {
  const bytes = random(new Uint8Array(10));
  // 256 is not a multiple of 30: reject the top values to keep every symbol equally likely.
  let body = "";
  let pool = bytes;
  let i = 0;
  while (body.length < 10) {
    if (i >= pool.length) {
      pool = random(new Uint8Array(10));
      i = 0;
    }
    const b = pool[i++]!;
    if (b < 240) body += referenceAlphabet[b % 30];
  }
  return body + checkCharacter(body);
}

/** Accepts what people type: lower case, spaces and dashes. */
export function normalizeReference(input: string): string {
  return input.toUpperCase().replace(/[\s\-–—.]/g, "");
}

export function isValidReference(input: string): boolean {
  const ref = normalizeReference(input);
  if (!/^[2-9A-HJKMNP-TV-Z]{11}$/.test(ref)) return false;
  return checkCharacter(ref.slice(0, 10)) === ref[10];
}

export function formatReference(ref: string): string {
  return `${ref.slice(0, 4)}-${ref.slice(4, 8)}-${ref.slice(8)}`;
}
