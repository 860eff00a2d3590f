/**
 * Hybrid public-key encryption of a registration (ECDH-ES on P-256, HKDF-SHA-256, AES-256-GCM).
 * One random content key encrypts the data; it is wrapped once per recipient (the receiving
 * office, and the province's recovery key, so that losing an office key loses nothing).
 * Additional authenticated data binds the ciphertext to its reference and commune: moved to
 * another record, or altered in any byte, it fails to decrypt instead of showing wrong data.
 */
import { fromBase64Url, toBase64Url, utf8 } from "./encoding.ts";
import { ecdh, importEncryptionPrivate, importEncryptionPublic } from "./keys.ts";

export const envelopeAlgorithm = "ECDH-ES-P256+HKDF-SHA256+A256GCM";

export interface Recipient {
  kid: string;
  role: "office" | "recovery";
  publicKey: JsonWebKey;
}

export interface Envelope {
  v: 1;
  alg: typeof envelopeAlgorithm;
  iv: string;
  ciphertext: string;
  recipients: {
    kid: string;
    role: "office" | "recovery";
    epk: JsonWebKey;
    iv: string;
    wrappedKey: string;
  }[];
}

export class DecryptionError extends Error {}

async function keyEncryptionKey(
  privateKey: CryptoKey,
  publicKey: CryptoKey,
  kid: string,
  aad: string,
): Promise<CryptoKey> {
  const shared = await crypto.subtle.deriveBits(
    { name: "ECDH", public: publicKey },
    privateKey,
    256,
  );
  const base = await crypto.subtle.importKey("raw", shared, "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    {
      name: "HKDF",
      hash: "SHA-256",
      salt: new Uint8Array(32),
      info: utf8.encode(`loi-ve/v1/wrap|${kid}|${aad}`),
    },
    base,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

type RecipientEntry = Envelope["recipients"][number];

/** An ephemeral key pair, and its public half as it is stored in the envelope. */
async function ephemeralKey(): Promise<{ privateKey: CryptoKey; epk: JsonWebKey }> {
  const pair = (await crypto.subtle.generateKey(ecdh, true, ["deriveBits"])) as CryptoKeyPair;
  const { kty, crv, x, y } = (await crypto.subtle.exportKey("jwk", pair.publicKey)) as JsonWebKey;
  return { privateKey: pair.privateKey, epk: { kty, crv, x, y } };
}

/** Wraps the content key for one recipient. */
async function wrapFor(
  contentKey: Uint8Array<ArrayBuffer>,
  ephemeral: { privateKey: CryptoKey; epk: JsonWebKey },
  r: Recipient,
  aad: string,
): Promise<RecipientEntry> {
  const kek = await keyEncryptionKey(
    ephemeral.privateKey,
    await importEncryptionPublic(r.publicKey),
    r.kid,
    aad,
  );
  const wrapIv = crypto.getRandomValues(new Uint8Array(12));
  const wrappedKey = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv: wrapIv, additionalData: utf8.encode(aad) },
    kek,
    contentKey,
  );
  return {
    kid: r.kid,
    role: r.role,
    epk: ephemeral.epk,
    iv: toBase64Url(wrapIv),
    wrappedKey: toBase64Url(wrappedKey),
  };
}

/** Unwraps the content key with a recipient's private key (throws if it does not open). */
async function unwrap(
  entry: RecipientEntry,
  privateJwk: JsonWebKey,
  aad: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const kek = await keyEncryptionKey(
    await importEncryptionPrivate(privateJwk),
    await importEncryptionPublic(entry.epk),
    entry.kid,
    aad,
  );
  return new Uint8Array(
    await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: fromBase64Url(entry.iv), additionalData: utf8.encode(aad) },
      kek,
      fromBase64Url(entry.wrappedKey),
    ),
  );
}

export async function encryptFor(
  plaintext: Uint8Array<ArrayBuffer>,
  recipients: Recipient[],
  aad: string,
): Promise<Envelope> {
  if (recipients.length === 0) throw new Error("encryptFor: no recipient");
  const contentKey = crypto.getRandomValues(new Uint8Array(32));
  const cek = await crypto.subtle.importKey("raw", contentKey, "AES-GCM", false, ["encrypt"]);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: utf8.encode(aad) },
    cek,
    plaintext,
  );
  // One ephemeral key per envelope: each recipient's static key still gives its own shared secret
  // (and the key id is bound into the derivation).
  const ephemeral = await ephemeralKey();
  const wrapped = await Promise.all(recipients.map((r) => wrapFor(contentKey, ephemeral, r, aad)));
  contentKey.fill(0);
  return {
    v: 1,
    alg: envelopeAlgorithm,
    iv: toBase64Url(iv),
    ciphertext: toBase64Url(ciphertext),
    recipients: wrapped,
  };
}

export async function decryptWith(
  envelope: Envelope,
  kid: string,
  privateJwk: JsonWebKey,
  aad: string,
): Promise<Uint8Array> {
  if (envelope.v !== 1 || envelope.alg !== envelopeAlgorithm)
    throw new DecryptionError("unknown envelope format");
  const entry = envelope.recipients.find((r) => r.kid === kid);
  if (!entry) throw new DecryptionError("this key is not a recipient of the registration");
  try {
    const contentKey = await unwrap(entry, privateJwk, aad);
    const cek = await crypto.subtle.importKey("raw", contentKey, "AES-GCM", false, ["decrypt"]);
    return new Uint8Array(
      await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: fromBase64Url(envelope.iv), additionalData: utf8.encode(aad) },
        cek,
        fromBase64Url(envelope.ciphertext),
      ),
    );
  } catch {
    throw new DecryptionError(
      "the registration could not be decrypted: it was altered, or belongs to another record",
    );
  }
}

/** What binds a ciphertext to its record. */
export function registrationAad(reference: string, communeCode: string): string {
  return `loi-ve/registration/v1|${reference}|${communeCode}`;
}

/**
 * Re-wraps the content key for a new recipient, using a key that can already open it (the
 * province's recovery key, when an office's key is rotated or lost). The data is not re-encrypted.
 */
export async function addRecipient(
  envelope: Envelope,
  opener: { kid: string; privateJwk: JsonWebKey },
  recipient: Recipient,
  aad: string,
  replaceRole?: "office",
): Promise<Envelope> {
  const entry = envelope.recipients.find((r) => r.kid === opener.kid);
  if (!entry) throw new DecryptionError("the opening key is not a recipient");
  let contentKey: Uint8Array<ArrayBuffer>;
  try {
    contentKey = await unwrap(entry, opener.privateJwk, aad);
  } catch {
    throw new DecryptionError("the registration could not be opened with this key");
  }
  const wrapped = await wrapFor(contentKey, await ephemeralKey(), recipient, aad);
  contentKey.fill(0);
  const kept = envelope.recipients.filter(
    (r) => r.kid !== recipient.kid && (!replaceRole || r.role !== replaceRole),
  );
  return { ...envelope, recipients: [...kept, wrapped] };
}
