/**
 * Helpers the training tests share: the modules as the content files hold them (slug, track,
 * answer key), without Astro, and a certificate key pair like the Worker's.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { frontmatterOf } from "../../scripts/lib/translation-status.ts";
import { trainingModuleSchema, type TrainingModule } from "../../site/src/core/schemas/training.ts";
import { correctIndex } from "../../site/src/core/domain/quiz/score.ts";
import {
  keyId,
  publicJwkOf,
  type CertificateTrust,
} from "../../site/src/core/domain/certificates/certificate.ts";

export const trainingDir = "site/content/training";

export interface ModuleFile {
  slug: string;
  lang: "vi" | "en";
  data: TrainingModule;
}

export function moduleFiles(lang: "vi" | "en"): ModuleFile[] {
  return readdirSync(join(trainingDir, lang))
    .filter((f) => f.endsWith(".mdx"))
    .sort()
    .map((f) => ({
      slug: f.replace(/\.mdx$/, ""),
      lang,
      data: trainingModuleSchema.parse(
        frontmatterOf(readFileSync(join(trainingDir, lang, f), "utf8")),
      ),
    }));
}

export function answerKey(m: TrainingModule): number[] {
  return m.quiz.map(correctIndex);
}

/** A fixed, mixed set of answers: some right, some wrong, one left out. */
export function mixedAnswers(m: TrainingModule): (number | undefined)[] {
  return m.quiz.map((q, i) =>
    i === 2 ? undefined : (correctIndex(q) + (i % 3 === 0 ? 1 : 0)) % q.options.length,
  );
}

export async function keyPair(env = "development"): Promise<{
  privateJwk: JsonWebKey;
  trust: CertificateTrust;
}> {
  const pair = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const privateJwk = await crypto.subtle.exportKey("jwk", pair.privateKey);
  const publicKey = publicJwkOf(privateJwk);
  return { privateJwk, trust: { env, kid: await keyId(publicKey), publicKey } };
}
