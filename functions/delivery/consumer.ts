/**
 * The delivery queue: retries with exponential backoff; after the last retry Cloudflare moves the
 * message to the dead-letter queue, whose consumer marks the delivery dead and tells the
 * province. The scheduled sweep (sweep.ts) tries dead and stuck deliveries again later.
 */
import type { Env } from "../env.ts";
import type { DeliveryMessage } from "./enqueue.ts";
import { deliver } from "./deliver.ts";
import { deadDeliveryNotice } from "./messages.ts";
import { sendNotice } from "./channels.ts";
import { provinceByCode } from "../../site/src/domain/admin-units/index.ts";

export const deliveryQueueName = "loi-ve-deliveries";
export const deadLetterQueueName = "loi-ve-deliveries-dlq";

/** 30 s, 1 min, 2 min, 4 min … capped at 1 hour. */
export function backoffSeconds(attempt: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempt - 1), 3600);
}

export async function handleDeliveryBatch(
  batch: MessageBatch<DeliveryMessage>,
  env: Env,
): Promise<void> {
  if (batch.queue.startsWith(deadLetterQueueName)) {
    for (const message of batch.messages) {
      await markDead(env, message.body.deliveryId);
      message.ack();
    }
    return;
  }
  for (const message of batch.messages) {
    try {
      await deliver(env, message.body.deliveryId);
      message.ack();
    } catch {
      message.retry({ delaySeconds: backoffSeconds(message.attempts) });
    }
  }
}

export async function markDead(env: Env, deliveryId: string): Promise<void> {
  const row = await env.DB.prepare(
    `UPDATE deliveries SET state = 'dead' WHERE id = ? AND state = 'pending'
     RETURNING reference, channel, (SELECT commune_code FROM items i WHERE i.reference = deliveries.reference) AS commune_code,
               (SELECT province_code FROM items i WHERE i.reference = deliveries.reference) AS province_code`,
  )
    .bind(deliveryId)
    .first<{ reference: string; channel: string; commune_code: string; province_code: string }>();
  if (!row) return;
  const alert = await env.DB.prepare(
    "SELECT alert_email FROM province_keys WHERE province_code = ? AND status = 'active' AND alert_email IS NOT NULL LIMIT 1",
  )
    .bind(row.province_code)
    .first<{ alert_email: string }>();
  if (alert) {
    await sendNotice(
      env,
      alert.alert_email,
      deadDeliveryNotice(
        env.SITE_URL,
        provinceByCode(row.province_code)?.name ?? row.province_code,
        row,
      ),
      null,
      "dead-delivery",
      [row.reference],
    ).catch(() => undefined); // the sweep and the province's figures still show it
  }
}
