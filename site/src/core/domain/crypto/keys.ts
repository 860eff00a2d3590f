/**
 * Key pairs, all P-256 on WebCrypto, each with one job:
 *  - an encryption key (HPKE, DHKEM(P-256)): items are sealed to it (an office's, or a province's
 *    recovery key);
 *  - a signing key (ECDSA): proves an office or a province administrator at sign-in, or signs a
 *    province's key directory (offline).
 * A key set has one or both; its id (kid) and fingerprint come from the SHA-256 of its public
 * keys. Only public halves are ever stored by the service.
 */
import { toBase64Url, utf8 } from "./encoding.ts";

export const ecdh = { name: "ECDH", namedCurve: "P-256" } as const;
export const ecdsa = { name: "ECDSA", namedCurve: "P-256" } as const;

export interface PublicKeys {
  kid: string;
  encryption?: JsonWebKey;
  signing?: JsonWebKey;
}
export interface PrivateKeys {
  kid: string;
  encryption?: JsonWebKey;
  signing?: JsonWebKey;
}

export const publicPart = ({ kty, crv, x, y }: JsonWebKey): JsonWebKey => ({ kty, crv, x, y });

async function digestOf(encryption?: JsonWebKey, signing?: JsonWebKey): Promise<Uint8Array> {
  // Which slot a key is in is part of what is hashed: an encryption key is never taken for a signing key.
  const canonical = JSON.stringify(
    [encryption, signing].map((k) => (k ? [k.crv, k.kty, k.x, k.y] : null)),
  );
  return new Uint8Array(await crypto.subtle.digest("SHA-256", utf8.encode(canonical)));
}

/** A short, stable id of a key set. */
export async function keyId(encryption?: JsonWebKey, signing?: JsonWebKey): Promise<string> {
  return toBase64Url((await digestOf(encryption, signing)).slice(0, 12));
}

/**
 * What people compare by eye (at sign-in, on the handover sheet, on the phone): 128 bits of the
 * key set's SHA-256, as 8 groups of 4 hexadecimal digits.
 */
export async function fingerprint(keys: { encryption?: JsonWebKey; signing?: JsonWebKey }) {
  const hex = [...(await digestOf(keys.encryption, keys.signing)).slice(0, 16)]
    .map((b) => b.toString(16).padStart(2, "0").toUpperCase())
    .join("");
  return hex.match(/.{4}/g)!.join(" ");
}

export async function generateKeySet(
  uses: { encryption?: boolean; signing?: boolean } = { encryption: true, signing: true },
): Promise<{ publicKeys: PublicKeys; privateKeys: PrivateKeys }> {
  const enc = uses.encryption
    ? ((await crypto.subtle.generateKey(ecdh, true, ["deriveBits"])) as CryptoKeyPair)
    : undefined;
  const sig = uses.signing
    ? ((await crypto.subtle.generateKey(ecdsa, true, ["sign", "verify"])) as CryptoKeyPair)
    : undefined;
  const jwk = async (k: CryptoKey) => (await crypto.subtle.exportKey("jwk", k)) as JsonWebKey;
  const encPublic = enc ? publicPart(await jwk(enc.publicKey)) : undefined;
  const sigPublic = sig ? publicPart(await jwk(sig.publicKey)) : undefined;
  const kid = await keyId(encPublic, sigPublic);
  return {
    publicKeys: {
      kid,
      ...(encPublic ? { encryption: encPublic } : {}),
      ...(sigPublic ? { signing: sigPublic } : {}),
    },
    privateKeys: {
      kid,
      ...(enc ? { encryption: await jwk(enc.privateKey) } : {}),
      ...(sig ? { signing: await jwk(sig.privateKey) } : {}),
    },
  };
}

/** The public half of a private key set (a private JWK carries its public point). */
export async function publicKeysOf(keys: PrivateKeys): Promise<PublicKeys> {
  const encryption = keys.encryption ? publicPart(keys.encryption) : undefined;
  const signing = keys.signing ? publicPart(keys.signing) : undefined;
  return {
    kid: await keyId(encryption, signing),
    ...(encryption ? { encryption } : {}),
    ...(signing ? { signing } : {}),
  };
}

export function importSigningPrivate(jwk: JsonWebKey): Promise<CryptoKey> {
  const { kty, crv, x, y, d } = jwk;
  return crypto.subtle.importKey("jwk", { kty, crv, x, y, d }, ecdsa, false, ["sign"]);
}
export function importSigningPublic(jwk: JsonWebKey): Promise<CryptoKey> {
  return crypto.subtle.importKey("jwk", publicPart(jwk), ecdsa, false, ["verify"]);
}

/** ECDSA P-256 / SHA-256 over a text (sign-in challenges, key directories, audit heads). */
export async function signText(privateJwk: JsonWebKey, text: string): Promise<string> {
  const key = await importSigningPrivate(privateJwk);
  return toBase64Url(
    await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, key, utf8.encode(text)),
  );
}

export async function verifyText(
  publicJwk: JsonWebKey,
  text: string,
  signature: Uint8Array<ArrayBuffer>,
): Promise<boolean> {
  try {
    const key = await importSigningPublic(publicJwk);
    return await crypto.subtle.verify(
      { name: "ECDSA", hash: "SHA-256" },
      key,
      signature,
      utf8.encode(text),
    );
  } catch {
    return false;
  }
}
