/**
 * Deletion that deletes: an item and every row that names it go in one transaction, whatever its
 * status: its own rows, its secret, its deliveries, the notifications that mention it, and the
 * case details of its audit entries (the entries stay, unlinkable, so the hash chain verifies).
 * Used by retention (the scheduled sweep), the office's "erase now" and `npm run offices -- erase`.
 * D1 keeps its Time Travel history for 30 days (README, privacy page): after that, nothing.
 */
import { kindOf } from "./kinds.ts";

/** The statements, in order; the administrator's tool runs the same ones through wrangler. */
export function eraseSql(kind: string): string[] {
  return [
    "DELETE FROM notifications WHERE id IN (SELECT notification_id FROM notification_items WHERE reference = ?1)",
    "DELETE FROM notification_items WHERE reference = ?1",
    "UPDATE audit_log SET reference = NULL, detail = NULL, subject_salt = NULL WHERE reference = ?1",
    "DELETE FROM deliveries WHERE reference = ?1",
    "DELETE FROM item_secrets WHERE reference = ?1",
    ...kindOf(kind).ownTables.map((t) => `DELETE FROM ${t} WHERE reference = ?1`),
    "DELETE FROM items WHERE reference = ?1",
  ];
}

export function eraseStatements(db: D1Database, kind: string, reference: string) {
  return eraseSql(kind).map((s) => db.prepare(s).bind(reference));
}

/** Erases one item; false if there was none. */
export async function eraseItem(db: D1Database, reference: string): Promise<string | undefined> {
  const row = await db
    .prepare("SELECT kind FROM items WHERE reference = ?")
    .bind(reference)
    .first<{ kind: string }>();
  if (!row) return undefined;
  await db.batch(eraseStatements(db, row.kind, reference));
  return row.kind;
}

/** Retention: every item past its date, whatever its status. */
export async function eraseExpired(db: D1Database, now: Date, limit = 200): Promise<number> {
  const { results } = await db
    .prepare("SELECT reference, kind FROM items WHERE retain_until <= ? LIMIT ?")
    .bind(now.toISOString(), limit)
    .all<{ reference: string; kind: string }>();
  if (results.length === 0) return 0;
  await db.batch(results.flatMap((r) => eraseStatements(db, r.kind, r.reference)));
  return results.length;
}
