/**
 * One delivery attempt. Idempotent: a delivery already sent is not sent again (queues may
 * deliver a message twice), and its state is recorded in D1 after every attempt.
 */
import type { Env } from "../env.ts";
import { DeliveryFailure, postWebhook, sendNotice } from "./channels.ts";
import { newRegistrationNotice } from "./messages.ts";

export interface DeliveryRow {
  id: string;
  reference: string;
  channel: "email" | "webhook";
  target: string;
  state: string;
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

export type Outcome = "sent" | "already-sent" | "gone" | "stopped";
const leaseMs = 2 * 60_000;

export class DeliveryBusy extends Error {}

export async function deliver(env: Env, deliveryId: string, now = new Date()): Promise<Outcome> {
  const d = await loadDelivery(env.DB, deliveryId);
  if (!d) return "gone";
  if (d.state === "sent") return "already-sent";
  // A revoked office gets nothing more; its items were re-wrapped to its successor.
  if (d.state === "stopped" || d.office_status !== "active") {
    await env.DB.prepare("UPDATE deliveries SET state = 'stopped' WHERE id = ? AND state != 'sent'")
      .bind(d.id)
      .run();
    return "stopped";
  }
  // Take the delivery; if another copy of the message holds it, let that one finish.
  const claimed = await env.DB.prepare(
    "UPDATE deliveries SET lease_until = ? WHERE id = ? AND state != 'sent' AND (lease_until IS NULL OR lease_until < ?) RETURNING id",
  )
    .bind(new Date(now.getTime() + leaseMs).toISOString(), d.id, now.toISOString())
    .first();
  if (!claimed) throw new DeliveryBusy("held by another attempt");
  try {
    if (d.channel === "email") {
      await sendNotice(
        env,
        d.target,
        newRegistrationNotice(env.SITE_URL, d, d.office_name),
        d.id,
        "new-registration",
        [d.reference],
      );
    } else {
      await postWebhook(env, d.target, d.office_id, d.id, {
        deliveryId: d.id,
        reference: d.reference,
        kind: d.kind,
        formVersion: d.form_version,
        officeId: d.office_id,
        provinceCode: d.province_code,
        communeCode: d.commune_code,
        submittedAt: d.submitted_at,
        decisionDueBy: d.due_by,
        envelope: JSON.parse(d.envelope!),
      });
    }
  } catch (error) {
    const reason = error instanceof DeliveryFailure ? error.message : "unexpected error";
    await env.DB.prepare(
      "UPDATE deliveries SET attempts = attempts + 1, last_error = ?, last_attempt_at = ?, lease_until = NULL WHERE id = ?",
    )
      .bind(reason, now.toISOString(), d.id)
      .run();
    throw error;
  }
  await env.DB.prepare(
    "UPDATE deliveries SET state = 'sent', attempts = attempts + 1, last_error = NULL, last_attempt_at = ?, sent_at = ?, lease_until = NULL WHERE id = ?",
  )
    .bind(now.toISOString(), now.toISOString(), d.id)
    .run();
  return "sent";
}
