/**
 * One delivery attempt. Idempotent: a delivery already sent is not sent again (queues may
 * deliver a message twice), and its state is recorded in D1 after every attempt.
 */
import type { Env } from "../env.ts";
import { DeliveryFailure, postWebhook, sendNotice } from "./channels.ts";
import { newRegistrationNotice } from "./messages.ts";
import {
  claimDelivery,
  loadDelivery,
  recordAttemptFailed,
  recordSent,
  stopDelivery,
} from "./store.ts";

export type Outcome = "sent" | "already-sent" | "gone" | "stopped";
const leaseMs = 2 * 60_000;

class DeliveryBusy extends Error {}

export async function deliver(env: Env, deliveryId: string, now = new Date()): Promise<Outcome> {
  const d = await loadDelivery(env.DB, deliveryId);
  if (!d) return "gone";
  if (d.state === "sent") return "already-sent";
  // A revoked office gets nothing more; its items were re-wrapped to its successor.
  if (d.state === "stopped" || d.office_status !== "active") {
    await stopDelivery(env.DB, d.id);
    return "stopped";
  }
  // Take the delivery; if another copy of the message holds it, let that one finish.
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
  if (!(await claimDelivery(env.DB, d.id, now.toISOString(), leaseUntil)))
    throw new DeliveryBusy("held by another attempt");
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
    await recordAttemptFailed(env.DB, d.id, reason, now.toISOString());
    throw error;
  }
  await recordSent(env.DB, d.id, now.toISOString());
  return "sent";
}
