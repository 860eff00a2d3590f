/**
 * The certificate key this build trusts (build time only). A certificate verifies only against
 * the public key of the environment that built the page:
 *  - production: CERT_PUBLIC_KEY (the public JWK printed by `npm run certificates:key`), with
 *    CERT_ENVIRONMENT (default "production"), while the Worker holds the private key as the
 *    CERT_SIGNING_KEY secret (README, "Deploy");
 *  - development: the key in .dev.vars, made once per checkout by scripts/lib/dev-server.ts.
 * Each environment has its own key and the certificate names its environment, so a development
 * certificate never verifies on a production build, nor the other way round.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  keyId,
  parseSigningKey,
  publicJwkOf,
  type CertificateTrust,
} from "../../core/domain/certificates/certificate.ts";

/** KEY=value lines of .dev.vars (values may be quoted). */
export function parseDevVars(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    vars[m[1]!] = m[2]!.replace(/^(['"])(.*)\1$/, "$2");
  }
  return vars;
}

let cached: Promise<CertificateTrust> | undefined;

export function certificateTrust(): Promise<CertificateTrust> {
  cached ??= (async () => {
    const given = process.env.CERT_PUBLIC_KEY;
    if (given) {
      const publicKey = publicJwkOf(JSON.parse(given) as JsonWebKey);
      const env = process.env.CERT_ENVIRONMENT ?? "production";
      return { env, kid: await keyId(publicKey), publicKey };
    }
    const file = resolve(".dev.vars");
    const secret = existsSync(file)
      ? parseDevVars(readFileSync(file, "utf8")).CERT_SIGNING_KEY
      : undefined;
    if (!secret)
      throw new Error(
        "No certificate key for this build: set CERT_PUBLIC_KEY (production, see README) or run " +
          "`npm run build`, which creates the development key in .dev.vars.",
      );
    const publicKey = publicJwkOf(parseSigningKey(secret));
    return { env: "development", kid: await keyId(publicKey), publicKey };
  })();
  return cached;
}
