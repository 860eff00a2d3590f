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
import { provinceByCode } from "../../site/src/core/domain/admin-units/index.ts";
import { eraseExpired } from "../items/erase.ts";
import { audit, sealAuditLog } from "../office/audit.ts";
import { deliveriesToRetry, markPending } from "./store.ts";
import { dueUndecided, markDeadlineFlagged, type DueRow } from "../registration/store.ts";
import { deleteExpiredSignIns, provinceAlertEmail } from "../office/store.ts";

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

async function requeueStuck(env: Env, now: Date): Promise<number> {
  const ids = await deliveriesToRetry(
    env.DB,
    new Date(now.getTime() - minutes(stuckAfterMinutes)).toISOString(),
    new Date(now.getTime() - minutes(deadRetryAfterMinutes)).toISOString(),
    maxAttempts,
  );
  if (ids.length === 0) return 0;
  await markPending(env.DB, ids, now.toISOString());
  await enqueueDeliveries(env, ids);
  return ids.length;
}

export async function flagDeadlines(env: Env, now: Date): Promise<number> {
  // Near: due within the warning window (or already past), still without a decision.
  const horizon = new Date(now.getTime() + deadlineWarningHours * 3600_000).toISOString();
  const due = await dueUndecided(env.DB, horizon);
  const byProvince = new Map<string, DueRow[]>();
  for (const r of due)
    byProvince.set(r.province_code, [...(byProvince.get(r.province_code) ?? []), r]);
  let alerted = 0;
  for (const [provinceCode, items] of byProvince) {
    const alertEmail = await provinceAlertEmail(env.DB, provinceCode);
    if (alertEmail) {
      try {
        await sendNotice(
          env,
          alertEmail,
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
    await markDeadlineFlagged(
      env.DB,
      items.map((i) => i.reference),
      now.toISOString(),
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
  await env.DB.batch(deleteExpiredSignIns(env.DB, now.toISOString()));
  return { requeued, deadlineAlerts, purged };
}
