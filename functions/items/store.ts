/**
 * Items in D1 (items, item_secrets): the envelope and the few clear fields routing, status and
 * retention need, written in one batch with the item's secret, its kind's own row and its
 * deliveries, so that nothing is ever half-written. Every SQL statement on these tables is here.
 */
import type { ItemEnvelope } from "../../site/src/core/domain/crypto/hpke.ts";
import type { RegistrationStatus } from "../../site/src/core/schemas/office.ts";
import { eraseSql } from "../../site/src/core/domain/items/erasure.ts";
import { plannedDeliveryStatement, type PlannedDelivery } from "../delivery/store.ts";

export interface NewItem {
  reference: string;
  kind: string;
  provinceCode: string;
  communeCode: string;
  officeId: string;
  lang: string;
  formVersion: string;
  envelope: ItemEnvelope;
  sealedOn: "device" | "worker";
  idempotencyKey: string;
  contentHash: string;
  status: string;
  createdAt: string;
  retainUntil: string;
  secret: { codeHmac: string; receiptCode: string; receiptUntil: string };
}

export function insertItemStatements(
  db: D1Database,
  item: NewItem,
  own: D1PreparedStatement[],
  deliveries: PlannedDelivery[],
): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO items (reference, kind, province_code, commune_code, office_id, lang, form_version, envelope, sealed_on,
           idempotency_key, content_hash, status, created_at, updated_at, retain_until)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, ?14)`,
      )
      .bind(
        item.reference,
        item.kind,
        item.provinceCode,
        item.communeCode,
        item.officeId,
        item.lang,
        item.formVersion,
        JSON.stringify(item.envelope),
        item.sealedOn,
        item.idempotencyKey,
        item.contentHash,
        item.status,
        item.createdAt,
        item.retainUntil,
      ),
    db
      .prepare(
        "INSERT INTO item_secrets (reference, code_hmac, receipt_code, receipt_until) VALUES (?, ?, ?, ?)",
      )
      .bind(
        item.reference,
        item.secret.codeHmac,
        item.secret.receiptCode,
        item.secret.receiptUntil,
      ),
    ...own,
    ...deliveries.map((d) => plannedDeliveryStatement(db, d, item.reference, item.createdAt)),
  ];
}

export interface ItemByKey {
  reference: string;
  kind: string;
  content_hash: string;
  office_name: string;
  receipt_code: string | null;
  receipt_until: string | null;
}

export function findItemByKey(db: D1Database, key: string): Promise<ItemByKey | null> {
  return db
    .prepare(
      `SELECT i.reference, i.kind, i.content_hash, o.name AS office_name, s.receipt_code, s.receipt_until
         FROM items i JOIN offices o ON o.id = i.office_id LEFT JOIN item_secrets s ON s.reference = i.reference
        WHERE i.idempotency_key = ?`,
    )
    .bind(key)
    .first<ItemByKey>();
}

/** Ends the receipt (the status code is shown once): true the first time only. */
export async function endReceipt(db: D1Database, reference: string): Promise<boolean> {
  const ended = await db
    .prepare(
      "UPDATE item_secrets SET receipt_code = NULL, receipt_until = NULL WHERE reference = ? AND receipt_code IS NOT NULL RETURNING reference",
    )
    .bind(reference)
    .first();
  return ended !== null;
}

// ---- the status code ----------------------------------------------------------------------

/**
 * Counts an attempt before the code is checked, atomically: an expired lock starts a fresh
 * count; reaching the limit sets the lock. Null for an unknown reference.
 */
export function countAttempt(
  db: D1Database,
  reference: string,
  at: string,
  maxAttempts: number,
  lockEnd: string,
): Promise<{ failures: number; locked_until: string | null; code_hmac: string } | null> {
  return db
    .prepare(
      `UPDATE item_secrets SET
          failures = CASE WHEN locked_until IS NOT NULL AND locked_until <= ?2 THEN 1 ELSE failures + 1 END,
          locked_until = CASE
            WHEN locked_until IS NOT NULL AND locked_until <= ?2 THEN NULL
            WHEN locked_until IS NULL AND failures + 1 > ?3 THEN ?4
            ELSE locked_until END
        WHERE reference = ?1
        RETURNING failures, locked_until, code_hmac`,
    )
    .bind(reference, at, maxAttempts, lockEnd)
    .first();
}

export async function resetAttempts(db: D1Database, reference: string): Promise<void> {
  await db
    .prepare("UPDATE item_secrets SET failures = 0 WHERE reference = ? AND locked_until IS NULL")
    .bind(reference)
    .run();
}

// ---- what the office does to its items ----------------------------------------------------

/** The kind of an item of this office, or undefined (another office's reads as not found). */
export async function kindOfOfficeItem(
  db: D1Database,
  officeId: string,
  reference: string,
): Promise<string | undefined> {
  const row = await db
    .prepare("SELECT kind FROM items WHERE reference = ? AND office_id = ?")
    .bind(reference, officeId)
    .first<{ kind: string }>();
  return row?.kind;
}

/** A registration's status and message for the family; false when it is not this office's. */
export async function updateRegistrationItem(
  db: D1Database,
  officeId: string,
  reference: string,
  change: {
    status: RegistrationStatus;
    message: string | null;
    at: string;
    /** Closing brings the deletion date forward to this; reopening never pushes it back. */
    retainAfterClosing: string;
  },
): Promise<boolean> {
  const updated = await db
    .prepare(
      `UPDATE items SET status = ?1, status_message = ?2, updated_at = ?3,
         closed_at = CASE WHEN ?1 = 'closed' THEN COALESCE(closed_at, ?3) ELSE NULL END,
         retain_until = CASE WHEN ?1 = 'closed' THEN MIN(retain_until, ?6) ELSE retain_until END
       WHERE reference = ?4 AND office_id = ?5 AND kind = 'registration' RETURNING reference`,
    )
    .bind(change.status, change.message, change.at, reference, officeId, change.retainAfterClosing)
    .first();
  return updated !== null;
}

/** The officer saw the person and their identity card; when, or null if not this office's. */
export async function markIdentityChecked(
  db: D1Database,
  officeId: string,
  reference: string,
  at: string,
): Promise<string | null> {
  const done = await db
    .prepare(
      "UPDATE items SET identity_checked_at = COALESCE(identity_checked_at, ?) WHERE reference = ? AND office_id = ? RETURNING identity_checked_at",
    )
    .bind(at, reference, officeId)
    .first<{ identity_checked_at: string }>();
  return done?.identity_checked_at ?? null;
}

// ---- erasure ------------------------------------------------------------------------------

export async function expiredItems(
  db: D1Database,
  now: string,
  limit: number,
): Promise<{ reference: string; kind: string }[]> {
  const { results } = await db
    .prepare("SELECT reference, kind FROM items WHERE retain_until <= ? LIMIT ?")
    .bind(now, limit)
    .all<{ reference: string; kind: string }>();
  return results;
}

/** Erases items and every row that names them, in one transaction. */
export async function eraseItems(
  db: D1Database,
  items: { reference: string; kind: string }[],
): Promise<void> {
  await db.batch(
    items.flatMap((i) => eraseSql(i.kind).map((s) => db.prepare(s).bind(i.reference))),
  );
}
