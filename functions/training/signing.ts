/**
 * The certificate signing key: the CERT_SIGNING_KEY secret (a private EC P-256 JWK; locally in
 * .dev.vars, in production set with `wrangler secret put`). The Worker signs only when its key and
 * environment are the ones the built site trusts, so it never issues a certificate its own verify
 * page would reject.
 */
import type { Env } from "../env.ts";
import {
  keyId,
  parseSigningKey,
  publicJwkOf,
  type CertificateTrust,
} from "../../site/src/core/domain/certificates/certificate.ts";

export type SigningKey =
  | { ok: true; jwk: JsonWebKey; env: string }
  | { ok: false; reason: "no-key" | "key-mismatch" | "env-mismatch" };

export async function signingKey(env: Env, trust: CertificateTrust): Promise<SigningKey> {
  if (!env.CERT_SIGNING_KEY) return { ok: false, reason: "no-key" };
  const jwk = parseSigningKey(env.CERT_SIGNING_KEY);
  if ((await keyId(publicJwkOf(jwk))) !== trust.kid) return { ok: false, reason: "key-mismatch" };
  if (env.ENVIRONMENT !== trust.env) return { ok: false, reason: "env-mismatch" };
  return { ok: true, jwk, env: env.ENVIRONMENT };
}
