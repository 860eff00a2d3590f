/**
 * The scheduled job (Cron Trigger):
 *  1. re-sends deliveries that are stuck (never enqueued, or lost) or dead (after the endpoint recovers);
 *  2. tells each province which registrations near or pass their decision time undecided (24 hours
 *     after receipt, Decree 163/2026 Art. 91.1; due_by holds the exact time);
 *  3. deletes every item past its retention date, whatever its status, with every row naming it
 *     (functions/items/erase.ts);
 *  4. clears expired sign-in challenges and sessions.
 */
import type { Env } from "../env.ts";
import { enqueueDeliveries } from "./enqueue.ts";
import { deadlineNotice } from "./messages.ts";
import { sendNotice } from "./channels.ts";
import { provinceByCode } from "../../site/src/domain/admin-units/index.ts";
import { eraseExpired } from "../items/erase.ts";
import { audit, sealAuditLog } from "../office/audit.ts";

const minutes = (n: number) => n * 60_000;
/** A pending delivery untouched this long is stuck. */
export const stuckAfterMinutes = 15;
/** Dead deliveries are tried again this often, until this many attempts. */
export const deadRetryAfterMinutes = 60;
export const maxAttempts = 100;
/** A registration is "near" its decision time this many hours before it (of the 24). */
export const deadlineWarningHours = 6;

export interface SweepReport {
  requeued: number;
  deadlineAlerts: number;
  purged: number;
}

export async function requeueStuck(env: Env, now: Date): Promise<number> {
  const stuck = await env.DB.prepare(
    `SELECT id FROM deliveries
      WHERE attempts < ?3 AND (
        (state = 'pending' AND COALESCE(last_attempt_at, created_at) < ?1) OR
        (state = 'dead' AND COALESCE(last_attempt_at, created_at) < ?2))
      LIMIT 500`,
  )
    .bind(
      new Date(now.getTime() - minutes(stuckAfterMinutes)).toISOString(),
      new Date(now.getTime() - minutes(deadRetryAfterMinutes)).toISOString(),
      maxAttempts,
    )
    .all<{ id: string }>();
  const ids = stuck.results.map((r) => r.id);
  if (ids.length === 0) return 0;
  // Dead ones go back to pending, so the dead-letter consumer can mark them again if they fail.
  await env.DB.batch(
    ids.map((id) =>
      env.DB.prepare(
        "UPDATE deliveries SET state = 'pending', last_attempt_at = ? WHERE id = ? AND state != 'sent'",
      ).bind(now.toISOString(), id),
    ),
  );
  await enqueueDeliveries(env, ids);
  return ids.length;
}

export async function flagDeadlines(env: Env, now: Date): Promise<number> {
  // Near: due within the warning window (or already past), still without a decision.
  const horizon = new Date(now.getTime() + deadlineWarningHours * 3600_000).toISOString();
  const due = await env.DB.prepare(
    `SELECT i.reference, i.province_code, i.commune_code, r.due_by, i.status
       FROM registrations r JOIN items i ON i.reference = r.reference
      WHERE i.status IN ('received', 'appointment', 'more-info') AND r.deadline_flagged_at IS NULL AND r.due_by <= ?`,
  )
    .bind(horizon)
    .all<{
      reference: string;
      province_code: string;
      commune_code: string;
      due_by: string;
      status: string;
    }>();
  const byProvince = new Map<string, typeof due.results>();
  for (const r of due.results)
    byProvince.set(r.province_code, [...(byProvince.get(r.province_code) ?? []), r]);
  let alerted = 0;
  for (const [provinceCode, items] of byProvince) {
    const alert = await env.DB.prepare(
      "SELECT alert_email FROM province_keys WHERE province_code = ? AND status = 'active' AND alert_email IS NOT NULL LIMIT 1",
    )
      .bind(provinceCode)
      .first<{ alert_email: string }>();
    if (alert) {
      try {
        await sendNotice(
          env,
          alert.alert_email,
          deadlineNotice(env.SITE_URL, provinceByCode(provinceCode)?.name ?? provinceCode, items),
          null,
          "deadline",
          items.map((i) => i.reference),
        );
      } catch {
        continue; // not flagged: tried again at the next run
      }
    }
    // Flagged even without an alert address: the province's figures show it.
    await env.DB.batch(
      items.map((i) =>
        env.DB.prepare("UPDATE registrations SET deadline_flagged_at = ? WHERE reference = ?").bind(
          now.toISOString(),
          i.reference,
        ),
      ),
    );
    alerted += items.length;
  }
  return alerted;
}

/** Retention: every item past its date goes, with every row that names it; the audit says how many. */
export async function purgeExpired(env: Env, now: Date): Promise<number> {
  const erased = await eraseExpired(env.DB, now);
  if (erased > 0)
    await audit(env, { kind: "system", id: "retention" }, "retention-erase", null, String(erased));
  return erased;
}

export async function sweep(env: Env, now = new Date()): Promise<SweepReport> {
  const requeued = await requeueStuck(env, now);
  const deadlineAlerts = await flagDeadlines(env, now);
  const purged = await purgeExpired(env, now);
  await sealAuditLog(env.DB);
  await env.DB.batch([
    env.DB.prepare("DELETE FROM sign_in_challenges WHERE expires_at < ?").bind(now.toISOString()),
    env.DB.prepare("DELETE FROM sessions WHERE expires_at < ?").bind(now.toISOString()),
  ]);
  return { requeued, deadlineAlerts, purged };
}
