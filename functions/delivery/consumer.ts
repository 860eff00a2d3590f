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
import { provinceByCode } from "../../site/src/core/domain/admin-units/index.ts";
import { markDead } from "./store.ts";
import { provinceAlertEmail } from "../office/store.ts";

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
      await deadLetter(env, message.body.deliveryId);
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

/** A delivery out of retries: marked dead, and the province told. */
async function deadLetter(env: Env, deliveryId: string): Promise<void> {
  const row = await markDead(env.DB, deliveryId);
  if (!row) return;
  const alertEmail = await provinceAlertEmail(env.DB, row.province_code);
  if (alertEmail) {
    await sendNotice(
      env,
      alertEmail,
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
