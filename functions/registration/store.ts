/**
 * The registrations table in D1: a registration item's own row (the form of treatment, for the
 * province's anonymous counts; the decision deadline; when the office first opened it and
 * decided). Every SQL statement on it is here, with its row type; the item itself is in
 * functions/items/store.ts, written in the same batch.
 */
import {
  undecidedStatuses,
  type InboxEntry,
  type OpenedRegistration,
  type RegistrationStatus,
} from "../../site/src/core/schemas/office.ts";
import type { ItemEnvelope } from "../../site/src/core/domain/crypto/hpke.ts";

/** The registration's own row, written in the item's batch (functions/items/store.ts). */
export function registrationRowStatement(
  db: D1Database,
  reference: string,
  treatmentForm: string,
  dueBy: string,
): D1PreparedStatement {
  return db
    .prepare("INSERT INTO registrations (reference, treatment_form, due_by) VALUES (?, ?, ?)")
    .bind(reference, treatmentForm, dueBy);
}

export async function dueByOf(db: D1Database, reference: string): Promise<string | undefined> {
  const row = await db
    .prepare("SELECT due_by FROM registrations WHERE reference = ?")
    .bind(reference)
    .first<{ due_by: string }>();
  return row?.due_by;
}

// ---- what the family sees (the receipt, once; the status page, with the status code) -----

export interface RegistrationView {
  status: RegistrationStatus;
  status_message: string | null;
  created_at: string;
  updated_at: string;
  commune_code: string;
  office_name: string;
  due_by: string;
  sealed_on: "device" | "worker";
}

export function registrationView(
  db: D1Database,
  reference: string,
): Promise<RegistrationView | null> {
  return db
    .prepare(
      `SELECT i.status, i.status_message, i.created_at, i.updated_at, i.commune_code, o.name AS office_name, r.due_by,
              i.sealed_on
         FROM items i JOIN offices o ON o.id = i.office_id JOIN registrations r ON r.reference = i.reference
        WHERE i.reference = ?`,
    )
    .bind(reference)
    .first<RegistrationView>();
}

// ---- the office's inbox -------------------------------------------------------------------

export async function inboxOf(
  db: D1Database,
  officeId: string,
): Promise<Omit<InboxEntry, "commune_name">[]> {
  const { results } = await db
    .prepare(
      `SELECT i.reference, i.commune_code, i.status, i.status_message, i.created_at AS submitted_at, r.due_by,
              r.first_opened_at, i.updated_at, i.sealed_on, i.identity_checked_at
         FROM items i JOIN registrations r ON r.reference = i.reference
        WHERE i.office_id = ? AND i.kind = 'registration' ORDER BY i.created_at DESC LIMIT 500`,
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
      `SELECT i.reference, i.kind, i.office_id, i.commune_code, i.province_code, i.form_version, i.status, i.status_message,
              i.created_at AS submitted_at, r.due_by, i.sealed_on, i.identity_checked_at, i.envelope
         FROM items i JOIN registrations r ON r.reference = i.reference WHERE i.reference = ?`,
    )
    .bind(reference)
    .first<Omit<OpenedRegistration, "envelope"> & { office_id: string; envelope: string | null }>();
  if (!row || row.office_id !== officeId) return null;
  const { office_id: _, envelope, ...rest } = row;
  return { ...rest, envelope: envelope ? (JSON.parse(envelope) as ItemEnvelope) : null };
}

export async function markOpened(db: D1Database, reference: string, at: string): Promise<void> {
  await db
    .prepare(
      "UPDATE registrations SET first_opened_at = COALESCE(first_opened_at, ?) WHERE reference = ?",
    )
    .bind(at, reference)
    .run();
}

export async function markDecided(db: D1Database, reference: string, at: string): Promise<void> {
  await db
    .prepare("UPDATE registrations SET decided_at = COALESCE(decided_at, ?) WHERE reference = ?")
    .bind(at, reference)
    .run();
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
      `SELECT i.commune_code, i.created_at AS submitted_at, r.treatment_form, r.decided_at, r.due_by
         FROM items i JOIN registrations r ON r.reference = i.reference WHERE i.province_code = ?`,
    )
    .bind(provinceCode)
    .all<FigureRow>();
  return results;
}

// ---- deadline alerts (the scheduled sweep) ------------------------------------------------

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
      `SELECT i.reference, i.province_code, i.commune_code, r.due_by, i.status
         FROM registrations r JOIN items i ON i.reference = r.reference
        WHERE i.status IN (${statuses}) AND r.deadline_flagged_at IS NULL AND r.due_by <= ?`,
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
