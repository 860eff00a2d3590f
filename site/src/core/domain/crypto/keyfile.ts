/**
 * The key file an office (or a provincial administrator) receives: its private keys, sealed with
 * a passphrase (PBKDF2-SHA-256, 600,000 iterations; AES-256-GCM). It is opened only in the
 * officer's browser (or the administrator's command line); the service never sees it.
 */
import { fromBase64Url, toBase64Url, utf8 } from "./encoding.ts";
import type { PrivateKeys } from "./keys.ts";

export const keyFileFormat = "loi-ve-key-file/v1";
export const defaultIterations = 600_000;

export interface KeyFileHolder {
  kind: "office" | "province";
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
  kdf: { name: "PBKDF2"; hash: "SHA-256"; iterations: number; salt: string };
  iv: string;
  ciphertext: string;
}

/** Newest key first; older ones stay so registrations encrypted before a rotation still open. */
export interface KeyFileContents {
  keys: PrivateKeys[];
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

export async function sealKeyFile(
  holder: KeyFileHolder,
  contents: KeyFileContents,
  passphrase: string,
  iterations = defaultIterations,
): Promise<KeyFile> {
  if (passphrase.length < 12)
    throw new KeyFileError("the passphrase must be at least 12 characters");
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await passphraseKey(passphrase, salt, iterations, "encrypt");
  const ciphertext = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: holderAad(holder) },
    key,
    utf8.encode(JSON.stringify(contents)),
  );
  return {
    format: keyFileFormat,
    holder,
    created: new Date().toISOString(),
    kdf: { name: "PBKDF2", hash: "SHA-256", iterations, salt: toBase64Url(salt) },
    iv: toBase64Url(iv),
    ciphertext: toBase64Url(ciphertext),
  };
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
