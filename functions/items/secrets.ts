/**
 * Keys the Worker derives from its STATUS_PEPPER secret, each for one purpose: the HMAC of status
 * codes and of submitted content, the reference that goes with an idempotency key, and short-lived
 * sealed values (the status code in the receipt cookie, and for a retried submission).
 */
import { fromBase64Url, toBase64Url, utf8 } from "../../site/src/core/domain/crypto/encoding.ts";
import { newReference } from "../../site/src/core/domain/registration/reference.ts";

const hmacKeys = new Map<string, Promise<CryptoKey>>();
const aeadKeys = new Map<string, Promise<CryptoKey>>();

export class MissingSecret extends Error {}

function requirePepper(pepper: string | undefined): string {
  if (!pepper || pepper.length < 32)
    throw new MissingSecret("STATUS_PEPPER is not set (see README: secrets)");
  return pepper;
}

function baseKey(pepper: string): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", utf8.encode(pepper), "HKDF", false, ["deriveKey"]);
}

function hmacKey(pepper: string | undefined, purpose: string): Promise<CryptoKey> {
  const p = requirePepper(pepper);
  const id = `${purpose}|${p}`;
  let key = hmacKeys.get(id);
  if (!key) {
    key = baseKey(p).then((base) =>
      crypto.subtle.deriveKey(
        {
          name: "HKDF",
          hash: "SHA-256",
          salt: new Uint8Array(32),
          info: utf8.encode(`loi-ve/${purpose}/v1`),
        },
        base,
        { name: "HMAC", hash: "SHA-256", length: 256 },
        false,
        ["sign"],
      ),
    );
    hmacKeys.set(id, key);
  }
  return key;
}

function aeadKey(pepper: string | undefined, purpose: string): Promise<CryptoKey> {
  const p = requirePepper(pepper);
  const id = `${purpose}|${p}`;
  let key = aeadKeys.get(id);
  if (!key) {
    key = baseKey(p).then((base) =>
      crypto.subtle.deriveKey(
        {
          name: "HKDF",
          hash: "SHA-256",
          salt: new Uint8Array(32),
          info: utf8.encode(`loi-ve/${purpose}/v1`),
        },
        base,
        { name: "AES-GCM", length: 256 },
        false,
        ["encrypt", "decrypt"],
      ),
    );
    aeadKeys.set(id, key);
  }
  return key;
}

async function mac(
  pepper: string | undefined,
  purpose: string,
  text: string,
): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(
    await crypto.subtle.sign("HMAC", await hmacKey(pepper, purpose), utf8.encode(text)),
  );
}

export async function codeHmac(pepper: string | undefined, reference: string, code: string) {
  return toBase64Url(await mac(pepper, "status-code", `${reference}|${code}`));
}

/** The idempotency key's content binding: an HMAC, so that stored hashes cannot be tested against guesses. */
export async function contentHash(pepper: string | undefined, kind: string, canonical: string) {
  return toBase64Url(await mac(pepper, "content", `${kind}|${canonical}`));
}

/**
 * The reference that goes with an idempotency key: the check page shows both, so the family's
 * browser can bind the reference into what it seals, and a retry gets the same reference.
 */
export async function referenceFor(pepper: string | undefined, idempotencyKey: string) {
  let counter = 0;
  let pool: Uint8Array<ArrayBuffer> = new Uint8Array(0);
  let offset = 0;
  const stream = async () => {
    pool = await mac(pepper, "reference", `${idempotencyKey}|${counter++}`);
    offset = 0;
  };
  await stream();
  // newReference draws 10 bytes at a time; feed it from the HMAC stream (deterministic per key).
  const take = (n: number) => {
    if (offset + n > pool.length) throw new Error("more");
    const out = pool.slice(offset, offset + n);
    offset += n;
    return out;
  };
  for (;;) {
    try {
      return newReference((b) => {
        const bytes = take(b.length);
        b.set(bytes);
        return b;
      });
    } catch {
      await stream();
    }
  }
}

/** Constant-time comparison of two strings of the same encoding. */
export function sameSecret(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** A short-lived value sealed with a Worker key (AES-256-GCM), bound to `context`. */
export async function sealShort(
  pepper: string | undefined,
  purpose: string,
  text: string,
  context: string,
): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: utf8.encode(context) },
    await aeadKey(pepper, purpose),
    utf8.encode(text),
  );
  return `${toBase64Url(iv)}.${toBase64Url(ct)}`;
}

export async function openShort(
  pepper: string | undefined,
  purpose: string,
  sealed: string,
  context: string,
): Promise<string | undefined> {
  const [iv, ct] = sealed.split(".");
  if (!iv || !ct) return undefined;
  try {
    return utf8.decode(
      await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: fromBase64Url(iv), additionalData: utf8.encode(context) },
        await aeadKey(pepper, purpose),
        fromBase64Url(ct),
      ),
    );
  } catch {
    return undefined;
  }
}
