/**
 * The registrations table in D1: ciphertext and the few fields that routing, status, deadlines
 * and the province's anonymous figures need. Every SQL statement on it is here, with its row
 * type; a registration is written in one batch with its deliveries, so nothing is half-written.
 */
import type { Envelope } from "../../site/src/core/domain/crypto/envelope.ts";
import {
  undecidedStatuses,
  type InboxEntry,
  type OpenedRegistration,
  type RegistrationStatus,
} from "../../site/src/core/schemas/office.ts";
import { auditStatement, type AuditEntry } from "../office/store.ts";
import { plannedDeliveryStatement, type PlannedDelivery } from "../delivery/store.ts";

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

/** One transaction: the registration and its deliveries, or nothing. */
export async function insertRegistration(
  db: D1Database,
  r: StoredRegistration,
  deliveries: PlannedDelivery[],
): Promise<void> {
  await db.batch([
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
    ...deliveries.map((d) => plannedDeliveryStatement(db, d, r.reference, r.submittedAt)),
  ]);
}

// ---- what the family and the receipt see --------------------------------------------------

export interface RegistrationSummary {
  reference: string;
  province_code: string;
  commune_code: string;
  office_id: string;
  office_name: string;
  lang: string;
  status: RegistrationStatus;
  status_message: string | null;
  submitted_at: string;
  due_by: string;
  updated_at: string;
  status_check: string;
  status_failures: number;
  status_locked_until: string | null;
}

function findSummary(
  db: D1Database,
  by: "reference" | "idempotency_key",
  value: string,
): Promise<RegistrationSummary | null> {
  return db
    .prepare(
      `SELECT r.reference, r.province_code, r.commune_code, r.office_id, o.name AS office_name, r.lang, r.status,
         r.status_message, r.submitted_at, r.due_by, r.updated_at, r.status_check, r.status_failures, r.status_locked_until
       FROM registrations r JOIN offices o ON o.id = r.office_id WHERE r.${by} = ?`,
    )
    .bind(value)
    .first<RegistrationSummary>();
}

export const findByReference = (db: D1Database, reference: string) =>
  findSummary(db, "reference", reference);

export const findByIdempotencyKey = (db: D1Database, key: string) =>
  findSummary(db, "idempotency_key", key);

/** A wrong second factor on the status page: counted, and the lookup locked after too many. */
export async function recordStatusFailure(
  db: D1Database,
  reference: string,
  failures: number,
  lockedUntil: string | null,
): Promise<void> {
  await db
    .prepare(
      "UPDATE registrations SET status_failures = ?, status_locked_until = ? WHERE reference = ?",
    )
    .bind(failures, lockedUntil, reference)
    .run();
}

export async function clearStatusFailures(db: D1Database, reference: string): Promise<void> {
  await db
    .prepare("UPDATE registrations SET status_failures = 0 WHERE reference = ?")
    .bind(reference)
    .run();
}

// ---- the office's inbox -------------------------------------------------------------------

export async function inboxOf(
  db: D1Database,
  officeId: string,
): Promise<Omit<InboxEntry, "commune_name">[]> {
  const { results } = await db
    .prepare(
      `SELECT reference, commune_code, status, status_message, submitted_at, due_by, first_opened_at, updated_at, envelope IS NULL AS purged
         FROM registrations WHERE office_id = ? ORDER BY submitted_at DESC LIMIT 500`,
    )
    .bind(officeId)
    .all<Omit<InboxEntry, "commune_name">>();
  return results;
}

/** One registration of this office, or null (another office's reads as not found). */
export async function openedBy(
  db: D1Database,
  officeId: string,
  reference: string,
): Promise<OpenedRegistration | null> {
  const row = await db
    .prepare(
      "SELECT reference, office_id, commune_code, province_code, status, status_message, submitted_at, due_by, envelope FROM registrations WHERE reference = ?",
    )
    .bind(reference)
    .first<Omit<OpenedRegistration, "envelope"> & { office_id: string; envelope: string | null }>();
  if (!row || row.office_id !== officeId) return null;
  const { office_id: _, envelope, ...rest } = row;
  return { ...rest, envelope: envelope ? (JSON.parse(envelope) as Envelope) : null };
}

export async function markOpened(db: D1Database, reference: string, at: string): Promise<void> {
  await db
    .prepare(
      "UPDATE registrations SET first_opened_at = COALESCE(first_opened_at, ?) WHERE reference = ?",
    )
    .bind(at, reference)
    .run();
}

export async function isOfficeOf(
  db: D1Database,
  officeId: string,
  reference: string,
): Promise<boolean> {
  const row = await db
    .prepare("SELECT 1 FROM registrations WHERE reference = ? AND office_id = ?")
    .bind(reference, officeId)
    .first();
  return row !== null;
}

/** The office's decision or next step; false when the registration is not this office's. */
export async function updateStatus(
  db: D1Database,
  officeId: string,
  reference: string,
  change: { status: RegistrationStatus; message: string | null; at: string },
): Promise<boolean> {
  const updated = await db
    .prepare(
      `UPDATE registrations SET status = ?1, status_message = ?2, updated_at = ?3,
         decided_at = CASE WHEN ?1 = 'decided' THEN COALESCE(decided_at, ?3) ELSE decided_at END,
         closed_at = CASE WHEN ?1 = 'closed' THEN COALESCE(closed_at, ?3) ELSE NULL END
       WHERE reference = ?4 AND office_id = ?5 RETURNING reference`,
    )
    .bind(change.status, change.message, change.at, reference, officeId)
    .first();
  return updated !== null;
}

// ---- the province's figures ---------------------------------------------------------------

export interface FigureRow {
  commune_code: string;
  submitted_at: string;
  treatment_form: string;
  decided_at: string | null;
  due_by: string;
}

export async function figureRows(db: D1Database, provinceCode: string): Promise<FigureRow[]> {
  const { results } = await db
    .prepare(
      "SELECT commune_code, submitted_at, treatment_form, decided_at, due_by FROM registrations WHERE province_code = ?",
    )
    .bind(provinceCode)
    .all<FigureRow>();
  return results;
}

// ---- the scheduled sweep ------------------------------------------------------------------

export interface DueRow {
  reference: string;
  province_code: string;
  commune_code: string;
  due_by: string;
  status: RegistrationStatus;
}

/** Undecided registrations due by `horizon` (or already past) that no alert has named yet. */
export async function dueUndecided(db: D1Database, horizon: string): Promise<DueRow[]> {
  const statuses = undecidedStatuses.map(() => "?").join(", ");
  const { results } = await db
    .prepare(
      `SELECT reference, province_code, commune_code, due_by, status FROM registrations
        WHERE status IN (${statuses}) AND deadline_flagged_at IS NULL AND due_by <= ? AND purged_at IS NULL`,
    )
    .bind(...undecidedStatuses, horizon)
    .all<DueRow>();
  return results;
}

export async function markDeadlineFlagged(
  db: D1Database,
  references: string[],
  at: string,
): Promise<void> {
  await db.batch(
    references.map((reference) =>
      db
        .prepare("UPDATE registrations SET deadline_flagged_at = ? WHERE reference = ?")
        .bind(at, reference),
    ),
  );
}

export async function closedWithCiphertext(
  db: D1Database,
): Promise<{ reference: string; province_code: string; closed_at: string }[]> {
  const { results } = await db
    .prepare(
      "SELECT reference, province_code, closed_at FROM registrations WHERE status = 'closed' AND envelope IS NOT NULL AND closed_at IS NOT NULL",
    )
    .all<{ reference: string; province_code: string; closed_at: string }>();
  return results;
}

/** Deletes the ciphertext of closed cases, each with its audit entry, in one batch. */
export async function purge(
  db: D1Database,
  items: { reference: string; audit: AuditEntry }[],
  at: string,
): Promise<void> {
  await db.batch(
    items.flatMap((i) => [
      db
        .prepare("UPDATE registrations SET envelope = NULL, purged_at = ? WHERE reference = ?")
        .bind(at, i.reference),
      auditStatement(db, i.audit),
    ]),
  );
}
