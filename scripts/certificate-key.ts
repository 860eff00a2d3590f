/**
 * `npm run certificates:key`: makes the signing key pair for training certificates, once per
 * environment (README, "Deploy"). It prints the private key for the Worker's secret and the
 * public key for the build; nothing is written to disk.
 *
 *   npx wrangler secret put CERT_SIGNING_KEY --env production   # paste the private key
 *   CERT_PUBLIC_KEY='<public key>' SITE_URL=… npm run build
 *
 * A new key makes every certificate signed with the old one fail to verify ("signed with
 * another key"): rotate only when the key is compromised.
 */
import { generateKeyPairSync } from "node:crypto";
import { keyId, publicJwkOf } from "../site/src/core/domain/certificates/certificate.ts";

const privateJwk = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({
  format: "jwk",
});
const publicKey = publicJwkOf(privateJwk);
console.log(`Certificate signing key (key id ${await keyId(publicKey)})

Private key: the Worker's secret. Paste it when asked by
  npx wrangler secret put CERT_SIGNING_KEY --env production

${JSON.stringify(privateJwk)}

Public key: give it to every production build, e.g.
  CERT_PUBLIC_KEY='${JSON.stringify(publicKey)}' SITE_URL=https://your.domain npm run build
`);
