/**
 * Signing and verifying training certificates with ECDSA P-256 (SHA-256) through WebCrypto,
 * which the Worker, every browser the site supports and Node share. P-256 rather than Ed25519:
 * older phone browsers verify it too.
 *
 * A certificate is one line of text: "LV1." + base64url(payload JSON) + "." + base64url(signature).
 * The verifier reads the fields only from the signed payload, so editing any of them breaks
 * the signature. It trusts one public key, shipped in the page by the build of the same
 * environment; the payload also names that environment, so a development certificate never
 * verifies on a production build.
 */
import { fromBase64Url, toBase64Url, utf8 } from "../crypto/encoding.ts";
import {
  certificatePayloadSchema,
  type CertificateFields,
  type CertificatePayload,
} from "../../schemas/certificate.ts";

const algorithm = { name: "ECDSA", namedCurve: "P-256" } as const;
const signature = { name: "ECDSA", hash: "SHA-256" } as const;
const prefix = "LV1";

export interface PublicKeyJwk {
  kty: "EC";
  crv: "P-256";
  x: string;
  y: string;
}

/** What a build trusts: its environment and the public key of that environment's Worker. */
export interface CertificateTrust {
  env: string;
  kid: string;
  publicKey: PublicKeyJwk;
}

export function publicJwkOf(jwk: JsonWebKey): PublicKeyJwk {
  if (jwk.kty !== "EC" || jwk.crv !== "P-256" || !jwk.x || !jwk.y)
    throw new Error("certificate key: expected an EC P-256 JWK");
  return { kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y };
}

/** A short, stable id of a public key: the first 12 bytes of SHA-256 over its coordinates. */
export async function keyId(publicKey: PublicKeyJwk): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    utf8.encode(`${publicKey.crv}.${publicKey.x}.${publicKey.y}`),
  );
  return toBase64Url(new Uint8Array(digest).slice(0, 12));
}

/** Parses the CERT_SIGNING_KEY secret (a private EC P-256 JWK in JSON). */
export function parseSigningKey(secret: string): JsonWebKey {
  let jwk: JsonWebKey;
  try {
    jwk = JSON.parse(secret) as JsonWebKey;
  } catch {
    throw new Error("CERT_SIGNING_KEY is not JSON (expected a private EC P-256 JWK)");
  }
  publicJwkOf(jwk);
  if (!jwk.d) throw new Error("CERT_SIGNING_KEY has no private part (d)");
  return jwk;
}

export async function signCertificate(
  privateJwk: JsonWebKey,
  env: string,
  fields: CertificateFields,
): Promise<{ code: string; payload: CertificatePayload }> {
  const publicKey = publicJwkOf(privateJwk);
  const payload = certificatePayloadSchema.parse({
    v: 1,
    env,
    kid: await keyId(publicKey),
    ...fields,
  });
  const key = await crypto.subtle.importKey(
    "jwk",
    { kty: "EC", crv: "P-256", x: privateJwk.x, y: privateJwk.y, d: privateJwk.d },
    algorithm,
    false,
    ["sign"],
  );
  const body = utf8.encode(JSON.stringify(payload));
  const sig = await crypto.subtle.sign(signature, key, body);
  return { code: `${prefix}.${toBase64Url(body)}.${toBase64Url(sig)}`, payload };
}

export type VerifyStatus =
  /** Signed by this site's key, for a module's current law version. */
  | "valid"
  /** Genuine, but the module has been checked against a newer law version since. */
  | "outdated"
  /** Genuine, but for a module this site no longer offers. */
  | "unknown-module"
  /** Signed by another key or environment (e.g. a development certificate on the live site). */
  | "other-issuer"
  /** The signature does not match: the text was changed, or is not a certificate of this site. */
  | "invalid"
  /** Not a certificate at all. */
  | "malformed";

export interface VerifyResult {
  status: VerifyStatus;
  /** The signed fields: only when the signature holds. */
  payload?: CertificatePayload;
}

/** The law version each module offered today was checked against, by slug. */
export type ModuleLawVersions = Record<string, string>;

/** Copying from a printout or a chat may add spaces and line breaks: they are not part of it. */
export function normalizeCode(text: string): string {
  return text.replace(/\s+/g, "");
}

function decode(
  code: string,
): { body: Uint8Array<ArrayBuffer>; sig: Uint8Array<ArrayBuffer>; payload: unknown } | undefined {
  const parts = normalizeCode(code).split(".");
  if (parts.length !== 3 || parts[0] !== prefix) return undefined;
  try {
    const body = fromBase64Url(parts[1]!);
    const sig = fromBase64Url(parts[2]!);
    return {
      body,
      sig,
      payload: JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body)),
    };
  } catch {
    return undefined;
  }
}

export async function verifyCertificate(
  code: string,
  trust: CertificateTrust,
  modules: ModuleLawVersions,
): Promise<VerifyResult> {
  const decoded = decode(code);
  if (!decoded) return { status: "malformed" };
  const parsed = certificatePayloadSchema.safeParse(decoded.payload);
  // Fields that no longer parse were changed after signing (or never signed): the signature
  // cannot hold, so report the change rather than the shape.
  if (!parsed.success) return { status: decoded.sig.length === 64 ? "invalid" : "malformed" };
  const payload = parsed.data;
  if (payload.kid !== trust.kid || payload.env !== trust.env) return { status: "other-issuer" };
  const key = await crypto.subtle.importKey("jwk", trust.publicKey, algorithm, false, ["verify"]);
  const ok =
    decoded.sig.length === 64 &&
    (await crypto.subtle.verify(signature, key, decoded.sig, decoded.body));
  if (!ok) return { status: "invalid" };
  const current = modules[payload.module];
  if (current === undefined) return { status: "unknown-module", payload };
  if (current !== payload.law) return { status: "outdated", payload };
  return { status: "valid", payload };
}
