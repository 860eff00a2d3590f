/**
 * Key pairs of a receiving office (or of a province's recovery key): an ECDH P-256 pair that
 * registrations are encrypted to, and an ECDSA P-256 pair that proves the office at sign-in.
 * Only the public halves are ever stored by the service.
 */
import { toBase64Url, utf8 } from "./encoding.ts";

export const ecdh = { name: "ECDH", namedCurve: "P-256" } as const;
export const ecdsa = { name: "ECDSA", namedCurve: "P-256" } as const;

export interface PublicKeys {
  kid: string;
  encryption: JsonWebKey;
  signing: JsonWebKey;
}
export interface PrivateKeys {
  kid: string;
  encryption: JsonWebKey;
  signing: JsonWebKey;
}

const publicPart = ({ kty, crv, x, y }: JsonWebKey): JsonWebKey => ({ kty, crv, x, y });

/** A short, stable id of a key set: from the SHA-256 of its public keys. */
export async function keyId(encryption: JsonWebKey, signing: JsonWebKey): Promise<string> {
  const canonical = JSON.stringify(
    [publicPart(encryption), publicPart(signing)].map((k) => [k.crv, k.kty, k.x, k.y]),
  );
  const digest = await crypto.subtle.digest("SHA-256", utf8.encode(canonical));
  return toBase64Url(new Uint8Array(digest).slice(0, 12));
}

export async function generateKeySet(): Promise<{
  publicKeys: PublicKeys;
  privateKeys: PrivateKeys;
}> {
  const enc = (await crypto.subtle.generateKey(ecdh, true, ["deriveBits"])) as CryptoKeyPair;
  const sig = (await crypto.subtle.generateKey(ecdsa, true, ["sign", "verify"])) as CryptoKeyPair;
  const encPublic = publicPart((await crypto.subtle.exportKey("jwk", enc.publicKey)) as JsonWebKey);
  const sigPublic = publicPart((await crypto.subtle.exportKey("jwk", sig.publicKey)) as JsonWebKey);
  const kid = await keyId(encPublic, sigPublic);
  return {
    publicKeys: { kid, encryption: encPublic, signing: sigPublic },
    privateKeys: {
      kid,
      encryption: (await crypto.subtle.exportKey("jwk", enc.privateKey)) as JsonWebKey,
      signing: (await crypto.subtle.exportKey("jwk", sig.privateKey)) as JsonWebKey,
    },
  };
}

export function importEncryptionPublic(jwk: JsonWebKey): Promise<CryptoKey> {
  return crypto.subtle.importKey("jwk", publicPart(jwk), ecdh, false, []);
}
export function importEncryptionPrivate(jwk: JsonWebKey): Promise<CryptoKey> {
  return crypto.subtle.importKey("jwk", jwk, ecdh, false, ["deriveBits"]);
}
export function importSigningPrivate(jwk: JsonWebKey): Promise<CryptoKey> {
  const { kty, crv, x, y, d } = jwk;
  return crypto.subtle.importKey("jwk", { kty, crv, x, y, d }, ecdsa, false, ["sign"]);
}
export function importSigningPublic(jwk: JsonWebKey): Promise<CryptoKey> {
  return crypto.subtle.importKey("jwk", publicPart(jwk), ecdsa, false, ["verify"]);
}

/** Signs a sign-in challenge with the office's key (in the officer's browser). */
export async function signChallenge(privateJwk: JsonWebKey, challenge: string): Promise<string> {
  const key = await importSigningPrivate(privateJwk);
  return toBase64Url(
    await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, key, utf8.encode(challenge)),
  );
}

export async function verifyChallenge(
  publicJwk: JsonWebKey,
  challenge: string,
  signature: Uint8Array<ArrayBuffer>,
): Promise<boolean> {
  const key = await importSigningPublic(publicJwk);
  return crypto.subtle.verify(
    { name: "ECDSA", hash: "SHA-256" },
    key,
    signature,
    utf8.encode(challenge),
  );
}
