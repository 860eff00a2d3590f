/**
 * The status page's second factor (the person's date of birth) is stored only as an HMAC keyed
 * with a Worker secret: a copy of the database alone cannot be searched by date of birth.
 */
import { toBase64Url, utf8 } from "../../site/src/core/domain/crypto/encoding.ts";

const keys = new Map<string, Promise<CryptoKey>>();

export async function statusCheck(
  pepper: string | undefined,
  reference: string,
  dateOfBirth: string,
): Promise<string> {
  if (!pepper || pepper.length < 32)
    throw new Error("STATUS_PEPPER is not set (see README: secrets)");
  let key = keys.get(pepper);
  if (!key) {
    key = crypto.subtle.importKey(
      "raw",
      utf8.encode(pepper),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    keys.set(pepper, key);
  }
  return signWith(await key, reference, dateOfBirth);
}

async function signWith(key: CryptoKey, reference: string, dateOfBirth: string): Promise<string> {
  return toBase64Url(
    await crypto.subtle.sign("HMAC", key, utf8.encode(`${reference}|${dateOfBirth}`)),
  );
}

/** Constant-time comparison of two strings of the same encoding. */
export function sameSecret(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
