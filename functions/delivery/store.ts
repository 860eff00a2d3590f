/**
 * The delivery tables in D1: deliveries (one per registration and channel, with its state and
 * attempts) and notifications (every e-mail sent, as sent: they hold no personal data). Every
 * SQL statement on them is here, with its row type.
 */

export interface PlannedDelivery {
  id: string;
  channel: "email" | "webhook";
  target: string;
}

/** A new delivery, written in one batch with its registration (registration/store.ts). */
export function plannedDeliveryStatement(
  db: D1Database,
  d: PlannedDelivery,
  reference: string,
  createdAt: string,
): D1PreparedStatement {
  return db
    .prepare(
      "INSERT INTO deliveries (id, reference, channel, target, created_at) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(d.id, reference, d.channel, d.target, createdAt);
}

export interface DeliveryRow {
  id: string;
  reference: string;
  channel: "email" | "webhook";
  target: string;
  state: "pending" | "sent" | "dead" | "stopped";
  attempts: number;
  commune_code: string;
  province_code: string;
  office_id: string;
  office_name: string;
  office_status: string;
  submitted_at: string;
  due_by: string;
  envelope: string | null;
  kind: string;
  form_version: string;
}

/** A delivery with what its message needs of the item, its registration row and the office. */
export function loadDelivery(db: D1Database, id: string): Promise<DeliveryRow | null> {
  return db
    .prepare(
      `SELECT d.id, d.reference, d.channel, d.target, d.state, d.attempts, i.commune_code, i.province_code, i.office_id,
            o.name AS office_name, o.status AS office_status, i.created_at AS submitted_at, r.due_by, i.envelope,
            i.kind, i.form_version
       FROM deliveries d JOIN items i ON i.reference = d.reference JOIN offices o ON o.id = i.office_id
       LEFT JOIN registrations r ON r.reference = i.reference
      WHERE d.id = ?`,
    )
    .bind(id)
    .first<DeliveryRow>();
}

/** A revoked office's delivery: never sent (its items were re-wrapped to its successor). */
export async function stopDelivery(db: D1Database, id: string): Promise<void> {
  await db
    .prepare("UPDATE deliveries SET state = 'stopped' WHERE id = ? AND state != 'sent'")
    .bind(id)
    .run();
}

/** Takes a delivery until `leaseUntil`; false while another attempt holds it (or it was sent). */
export async function claimDelivery(
  db: D1Database,
  id: string,
  now: string,
  leaseUntil: string,
): Promise<boolean> {
  const claimed = await db
    .prepare(
      "UPDATE deliveries SET lease_until = ? WHERE id = ? AND state != 'sent' AND (lease_until IS NULL OR lease_until < ?) RETURNING id",
    )
    .bind(leaseUntil, id, now)
    .first();
  return claimed !== null;
}

export async function recordAttemptFailed(
  db: D1Database,
  id: string,
  reason: string,
  at: string,
): Promise<void> {
  await db
    .prepare(
      "UPDATE deliveries SET attempts = attempts + 1, last_error = ?, last_attempt_at = ?, lease_until = NULL WHERE id = ?",
    )
    .bind(reason, at, id)
    .run();
}

export async function recordSent(db: D1Database, id: string, at: string): Promise<void> {
  await db
    .prepare(
      "UPDATE deliveries SET state = 'sent', attempts = attempts + 1, last_error = NULL, last_attempt_at = ?, sent_at = ?, lease_until = NULL WHERE id = ?",
    )
    .bind(at, at, id)
    .run();
}

/** Marks a pending delivery dead; returns what the province's alert names, or null. */
export function markDead(
  db: D1Database,
  id: string,
): Promise<{
  reference: string;
  channel: string;
  commune_code: string;
  province_code: string;
} | null> {
  return db
    .prepare(
      `UPDATE deliveries SET state = 'dead' WHERE id = ? AND state = 'pending'
     RETURNING reference, channel, (SELECT commune_code FROM items i WHERE i.reference = deliveries.reference) AS commune_code,
               (SELECT province_code FROM items i WHERE i.reference = deliveries.reference) AS province_code`,
    )
    .bind(id)
    .first();
}

/** Pending deliveries untouched since `stuckBefore`, and dead ones untried since `deadBefore`. */
export async function deliveriesToRetry(
  db: D1Database,
  stuckBefore: string,
  deadBefore: string,
  maxAttempts: number,
): Promise<string[]> {
  const { results } = await db
    .prepare(
      `SELECT id FROM deliveries
        WHERE attempts < ?3 AND (
          (state = 'pending' AND COALESCE(last_attempt_at, created_at) < ?1) OR
          (state = 'dead' AND COALESCE(last_attempt_at, created_at) < ?2))
        LIMIT 500`,
    )
    .bind(stuckBefore, deadBefore, maxAttempts)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

/** Dead ones go back to pending, so the dead-letter consumer can mark them again if they fail. */
export async function markPending(db: D1Database, ids: string[], at: string): Promise<void> {
  await db.batch(
    ids.map((id) =>
      db
        .prepare(
          "UPDATE deliveries SET state = 'pending', last_attempt_at = ? WHERE id = ? AND state != 'sent'",
        )
        .bind(at, id),
    ),
  );
}

// ---- notifications ------------------------------------------------------------------------

/**
 * A notification as sent, and which items it names, so that erasing an item deletes the
 * notifications that mention it.
 */
export async function recordNotification(
  db: D1Database,
  n: { deliveryId: string | null; kind: string; to: string; subject: string; body: string },
  references: string[],
): Promise<void> {
  const row = await db
    .prepare(
      "INSERT INTO notifications (delivery_id, kind, to_address, subject, body) VALUES (?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(n.deliveryId, n.kind, n.to, n.subject, n.body)
    .first<{ id: number }>();
  if (row && references.length)
    await db.batch(
      references.map((r) =>
        db
          .prepare(
            "INSERT OR IGNORE INTO notification_items (notification_id, reference) VALUES (?, ?)",
          )
          .bind(row.id, r),
      ),
    );
}

export async function recentNotifications(
  db: D1Database,
): Promise<{ to_address: string; subject: string; body: string; sent_at: string }[]> {
  const { results } = await db
    .prepare(
      "SELECT to_address, subject, body, sent_at FROM notifications ORDER BY id DESC LIMIT 200",
    )
    .all<{ to_address: string; subject: string; body: string; sent_at: string }>();
  return results;
}
