/**
 * Registrations in D1: ciphertext and the few routing fields, written in one batch with their
 * deliveries so that nothing is ever half-written.
 */
import type { Envelope } from "../../site/src/core/domain/crypto/envelope.ts";

export interface Route {
  officeId: string;
  officeName: string;
  officeEmail: string | null;
  webhookUrl: string | null;
  officeKid: string;
  officeKey: JsonWebKey;
  recoveryKid: string;
  recoveryKey: JsonWebKey;
}

/** The commune's own office, else the province's receiving point; and the province's recovery key (one query). */
export async function routeFor(
  db: D1Database,
  provinceCode: string,
  communeCode: string,
): Promise<Route | undefined> {
  const row = await db
    .prepare(
      `SELECT o.id, o.name, o.email, o.webhook_url, k.kid, k.encryption_jwk,
            p.kid AS recovery_kid, p.encryption_jwk AS recovery_jwk
       FROM offices o
       JOIN office_keys k ON k.office_id = o.id AND k.status = 'active'
       JOIN province_keys p ON p.province_code = ?2 AND p.status = 'active'
      WHERE o.status = 'active' AND (o.commune_code = ?1 OR (o.commune_code IS NULL AND o.province_code = ?2))
      ORDER BY o.commune_code IS NULL, k.created_at DESC, p.created_at DESC LIMIT 1`,
    )
    .bind(communeCode, provinceCode)
    .first<{
      id: string;
      name: string;
      email: string | null;
      webhook_url: string | null;
      kid: string;
      encryption_jwk: string;
      recovery_kid: string;
      recovery_jwk: string;
    }>();
  if (!row) return undefined;
  return {
    officeId: row.id,
    officeName: row.name,
    officeEmail: row.email,
    webhookUrl: row.webhook_url,
    officeKid: row.kid,
    officeKey: JSON.parse(row.encryption_jwk),
    recoveryKid: row.recovery_kid,
    recoveryKey: JSON.parse(row.recovery_jwk),
  };
}

export interface StoredRegistration {
  reference: string;
  idempotencyKey: string;
  provinceCode: string;
  communeCode: string;
  officeId: string;
  treatmentForm: string;
  lang: string;
  envelope: Envelope;
  statusCheck: string;
  submittedAt: string;
  dueBy: string;
}

export interface PlannedDelivery {
  id: string;
  channel: "email" | "webhook";
  target: string;
}

/** One transaction: the registration and its deliveries, or nothing. */
export async function insertRegistration(
  db: D1Database,
  r: StoredRegistration,
  deliveries: PlannedDelivery[],
): Promise<void> {
  const statements = [
    db
      .prepare(
        `INSERT INTO registrations (reference, idempotency_key, province_code, commune_code, office_id, treatment_form, lang,
         envelope, status_check, submitted_at, due_by, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(
        r.reference,
        r.idempotencyKey,
        r.provinceCode,
        r.communeCode,
        r.officeId,
        r.treatmentForm,
        r.lang,
        JSON.stringify(r.envelope),
        r.statusCheck,
        r.submittedAt,
        r.dueBy,
        r.submittedAt,
      ),
    ...deliveries.map((d) =>
      db
        .prepare(
          "INSERT INTO deliveries (id, reference, channel, target, created_at) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(d.id, r.reference, d.channel, d.target, r.submittedAt),
    ),
  ];
  await db.batch(statements);
}

export interface RegistrationSummary {
  reference: string;
  province_code: string;
  commune_code: string;
  office_id: string;
  office_name: string;
  lang: string;
  status: string;
  status_message: string | null;
  submitted_at: string;
  due_by: string;
  updated_at: string;
  status_check: string;
  status_failures: number;
  status_locked_until: string | null;
}

const summaryColumns = `r.reference, r.province_code, r.commune_code, r.office_id, o.name AS office_name, r.lang, r.status,
  r.status_message, r.submitted_at, r.due_by, r.updated_at, r.status_check, r.status_failures, r.status_locked_until`;

export function findByIdempotencyKey(
  db: D1Database,
  key: string,
): Promise<RegistrationSummary | null> {
  return db
    .prepare(
      `SELECT ${summaryColumns} FROM registrations r JOIN offices o ON o.id = r.office_id WHERE r.idempotency_key = ?`,
    )
    .bind(key)
    .first<RegistrationSummary>();
}

export function findByReference(
  db: D1Database,
  reference: string,
): Promise<RegistrationSummary | null> {
  return db
    .prepare(
      `SELECT ${summaryColumns} FROM registrations r JOIN offices o ON o.id = r.office_id WHERE r.reference = ?`,
    )
    .bind(reference)
    .first<RegistrationSummary>();
}
