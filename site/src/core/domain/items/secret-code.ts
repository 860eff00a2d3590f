/**
 * The secret that goes with an item's reference: a status code of 10 random characters from the
 * reference alphabet (no 0/O, 1/I/L, U), about 49 bits, shown once on the receipt and printed.
 * The reference names an item; only the code shows anything about it. The service stores only an
 * HMAC of it (keyed with a Worker secret), so a copy of the database cannot be searched for codes.
 */
import { referenceAlphabet } from "../registration/reference.ts";

export const secretCodeLength = 10;

export function newSecretCode(
  random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = (b) => crypto.getRandomValues(b),
): string {
  let code = "";
  while (code.length < secretCodeLength) {
    for (const b of random(new Uint8Array(16))) {
      // 240 = 8 × 30: reject the top values so every symbol is equally likely.
      if (b < 240 && code.length < secretCodeLength) code += referenceAlphabet[b % 30];
    }
  }
  return code;
}

/** Accepts what people type: lower case, spaces and dashes; O for 0 and I/L for 1 are not in the alphabet. */
export function normalizeSecretCode(input: string): string {
  return input.toUpperCase().replace(/[\s\-–—.]/g, "");
}

export function isSecretCodeShape(input: string): boolean {
  return new RegExp(`^[${referenceAlphabet}]{${secretCodeLength}}$`).test(
    normalizeSecretCode(input),
  );
}

/** "K7QM3-WXP9T": two groups of five, easy to read aloud and copy by hand. */
export function formatSecretCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}
