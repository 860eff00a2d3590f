/**
 * A training certificate: what the Worker signs and the verify page checks. Nothing of it is
 * stored anywhere; the signed text is the certificate.
 */
import { z } from "zod";
import { passBands } from "../domain/quiz/score.ts";

/** "law-120-2025+decree-163-2026@2026-11-29": the texts a module was checked against, and when. */
export const lawVersionIdPattern = /^[a-z0-9-]+(\+[a-z0-9-]+)*@\d{4}-\d{2}-\d{2}$/;

/** A name as the learner typed it: kept exactly (NFC, trimmed), never split or changed. */
export const certificateNameSchema = z
  .string()
  .transform((s) => s.normalize("NFC").replace(/\s+/g, " ").trim())
  .pipe(
    z
      .string()
      .min(1, "train.cert.error.nameMissing")
      .max(80, "train.cert.error.nameTooLong")
      .regex(/\p{L}/u, "train.cert.error.nameLetters")
      .refine((s) => !/[\p{Cc}<>]/u.test(s), "train.cert.error.nameLetters"),
  );

export const certificateFieldsSchema = z.object({
  name: certificateNameSchema,
  /** The module's slug. */
  module: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  /** The law version the module was checked against when the certificate was issued. */
  law: z.string().regex(lawVersionIdPattern),
  /** Day of issue, Vietnam time. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  band: z.enum(passBands),
});
export type CertificateFields = z.infer<typeof certificateFieldsSchema>;

/** What is signed: the fields plus who signed (the environment and the key's id). */
export const certificatePayloadSchema = certificateFieldsSchema.extend({
  v: z.literal(1),
  /** "development" or "production": a certificate verifies only on a build of its environment. */
  env: z.string().regex(/^[a-z]+$/),
  /** The signing key's id (keyId of its public key). */
  kid: z.string().regex(/^[A-Za-z0-9_-]{16}$/),
});
export type CertificatePayload = z.infer<typeof certificatePayloadSchema>;
