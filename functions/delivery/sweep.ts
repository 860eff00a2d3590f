/**
 * The scheduled job (Cron Trigger):
 *  1. re-sends deliveries that are stuck (never enqueued, or lost) or dead (after the endpoint recovers);
 *  2. tells each province which registrations near or pass their decision time undecided (24 hours
 *     after receipt, Decree 163/2026 Art. 91.1; due_by holds the exact time);
 *  3. deletes the ciphertext of closed cases after the province's retention period;
 *  4. clears expired sign-in challenges and sessions.
 */
import type { Env } from "../env.ts";
import { enqueueDeliveries } from "./enqueue.ts";
import { deadlineNotice } from "./messages.ts";
import { sendNotice } from "./channels.ts";
import { provinceByCode } from "../../site/src/domain/admin-units/index.ts";
import { provinceSettings } from "../settings.ts";
import { vietnamDate } from "../../site/src/domain/time/vietnam.ts";

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
    `SELECT reference, province_code, commune_code, due_by, status FROM registrations
      WHERE status IN ('received', 'appointment', 'more-info') AND deadline_flagged_at IS NULL AND due_by <= ? AND purged_at IS NULL`,
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

export async function purgeExpired(env: Env, now: Date): Promise<number> {
  const closed = await env.DB.prepare(
    "SELECT reference, province_code, closed_at FROM registrations WHERE status = 'closed' AND envelope IS NOT NULL AND closed_at IS NOT NULL",
  ).all<{ reference: string; province_code: string; closed_at: string }>();
  const expired = closed.results.filter((r) => {
    const days = provinceSettings(env, r.province_code).retentionDaysAfterClosing;
    return new Date(r.closed_at).getTime() + days * 86_400_000 <= now.getTime();
  });
  if (expired.length === 0) return 0;
  await env.DB.batch(
    expired.flatMap((r) => [
      env.DB.prepare(
        "UPDATE registrations SET envelope = NULL, purged_at = ? WHERE reference = ?",
      ).bind(now.toISOString(), r.reference),
      env.DB.prepare(
        "INSERT INTO audit_log (actor_kind, actor_id, action, reference, detail) VALUES ('system', 'retention', 'purge', ?, ?)",
      ).bind(
        r.reference,
        `closed ${vietnamDate(new Date(r.closed_at))}, retention ${provinceSettings(env, r.province_code).retentionDaysAfterClosing} days`,
      ),
    ]),
  );
  return expired.length;
}

export async function sweep(env: Env, now = new Date()): Promise<SweepReport> {
  const requeued = await requeueStuck(env, now);
  const deadlineAlerts = await flagDeadlines(env, now);
  const purged = await purgeExpired(env, now);
  await env.DB.batch([
    env.DB.prepare("DELETE FROM sign_in_challenges WHERE expires_at < ?").bind(now.toISOString()),
    env.DB.prepare("DELETE FROM sessions WHERE expires_at < ?").bind(now.toISOString()),
  ]);
  return { requeued, deadlineAlerts, purged };
}
