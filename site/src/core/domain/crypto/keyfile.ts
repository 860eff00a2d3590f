/**
 * Key files: private keys sealed with a passphrase (PBKDF2-SHA-256, 600,000 iterations;
 * AES-256-GCM), opened only where they are used, never by the service:
 *  - "office": an office's encryption and signing keys, made in the office's own browser at
 *    enrolment; opened in its inbox;
 *  - "province": the administrator's signing-only key for the figures page (a browser may open it);
 *  - "province-offline": the recovery key and the directory-signing key, opened only by
 *    `npm run offices` on the administrator's machine; sealed either with a passphrase or with a
 *    random unlock key split into threshold shares;
 *  - "share": one holder's share of such an unlock key, sealed with that holder's passphrase.
 */
import { fromBase64Url, toBase64Url, utf8 } from "./encoding.ts";
import type { PrivateKeys } from "./keys.ts";
import type { Share } from "./shares.ts";

export const keyFileFormat = "loi-ve-key-file/v1";
export const defaultIterations = 600_000;

export interface KeyFileHolder {
  kind: "office" | "province" | "province-offline" | "share";
  /** office id, or the province code for a recovery/administrator key */
  id: string;
  name: string;
  provinceCode: string;
  communeCode?: string;
}

export interface KeyFile {
  format: typeof keyFileFormat;
  holder: KeyFileHolder;
  created: string;
  kdf:
    | { name: "PBKDF2"; hash: "SHA-256"; iterations: number; salt: string }
    /** Sealed with a random key split into shares (see shares.ts). */
    | { name: "shares"; splitId: string; threshold: number; total: number };
  iv: string;
  ciphertext: string;
}

/** Newest key first; older ones stay so items sealed before a rotation still open. */
export interface KeyFileContents {
  keys: PrivateKeys[];
  /** In a "share" file only. */
  share?: Share;
}

export class KeyFileError extends Error {}

async function passphraseKey(
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
  usage: KeyUsage,
): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey(
    "raw",
    utf8.encode(passphrase.normalize("NFC")),
    "PBKDF2",
    false,
    ["deriveKey"],
  );
  return crypto.subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    base,
    { name: "AES-GCM", length: 256 },
    false,
    [usage],
  );
}

const holderAad = (h: KeyFileHolder) => utf8.encode(`${keyFileFormat}|${h.kind}|${h.id}`);

async function sealWith(
  holder: KeyFileHolder,
  contents: KeyFileContents,
  key: CryptoKey,
  kdf: KeyFile["kdf"],
): Promise<KeyFile> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: holderAad(holder) },
    key,
    utf8.encode(JSON.stringify(contents)),
  );
  return {
    format: keyFileFormat,
    holder,
    created: new Date().toISOString(),
    kdf,
    iv: toBase64Url(iv),
    ciphertext: toBase64Url(ciphertext),
  };
}

export async function sealKeyFile(
  holder: KeyFileHolder,
  contents: KeyFileContents,
  passphrase: string,
  iterations = defaultIterations,
): Promise<KeyFile> {
  if (passphrase.length < 12)
    throw new KeyFileError("the passphrase must be at least 12 characters");
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = await passphraseKey(passphrase, salt, iterations, "encrypt");
  return sealWith(holder, contents, key, {
    name: "PBKDF2",
    hash: "SHA-256",
    iterations,
    salt: toBase64Url(salt),
  });
}

const rawKey = (bytes: Uint8Array, usage: KeyUsage) =>
  crypto.subtle.importKey("raw", new Uint8Array(bytes), "AES-GCM", false, [usage]);

/** Seals with a random 256-bit key, to be split into shares; returns the key once. */
export async function sealKeyFileForShares(
  holder: KeyFileHolder,
  contents: KeyFileContents,
  split: { splitId: string; threshold: number; total: number },
  unlockKey: Uint8Array,
): Promise<KeyFile> {
  if (unlockKey.length !== 32) throw new KeyFileError("the unlock key must be 32 bytes");
  return sealWith(holder, contents, await rawKey(unlockKey, "encrypt"), {
    name: "shares",
    ...split,
  });
}

export async function openKeyFileWithUnlockKey(
  file: KeyFile,
  unlockKey: Uint8Array,
): Promise<KeyFileContents> {
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: fromBase64Url(file.iv), additionalData: holderAad(file.holder) },
      await rawKey(unlockKey, "decrypt"),
      fromBase64Url(file.ciphertext),
    );
    return JSON.parse(utf8.decode(plain)) as KeyFileContents;
  } catch {
    throw new KeyFileError("wrong-shares");
  }
}

/** Reads a key file's JSON text; says clearly when it is not a key file at all. */
export function parseKeyFile(text: string): KeyFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new KeyFileError("not-a-key-file");
  }
  const f = value as Partial<KeyFile>;
  if (f?.format !== keyFileFormat || !f.holder || !f.kdf || !f.iv || !f.ciphertext)
    throw new KeyFileError("not-a-key-file");
  return f as KeyFile;
}

export async function openKeyFile(file: KeyFile, passphrase: string): Promise<KeyFileContents> {
  if (file.kdf.name !== "PBKDF2") throw new KeyFileError("needs-shares");
  try {
    const key = await passphraseKey(
      passphrase,
      fromBase64Url(file.kdf.salt),
      file.kdf.iterations,
      "decrypt",
    );
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: fromBase64Url(file.iv), additionalData: holderAad(file.holder) },
      key,
      fromBase64Url(file.ciphertext),
    );
    return JSON.parse(utf8.decode(plain)) as KeyFileContents;
  } catch {
    throw new KeyFileError("wrong-passphrase");
  }
}

/** A passphrase people can read aloud and type: six groups of four letters and digits. */
export function newPassphrase(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const bytes = crypto.getRandomValues(new Uint8Array(48));
  let out = "";
  for (const b of bytes) {
    if (b >= 248) continue; // 248 = 8 × 31: keep the choice uniform
    out += alphabet[b % 31];
    if (out.replace(/-/g, "").length % 4 === 0) out += "-";
    if (out.replace(/-/g, "").length === 24) break;
  }
  return out.replace(/-$/, "");
}
