/** Puts deliveries on the queue (one message each, carrying only the delivery id). */
import type { Env } from "../env.ts";

export interface DeliveryMessage {
  deliveryId: string;
}

export async function enqueueDeliveries(env: Env, deliveryIds: string[]): Promise<void> {
  if (deliveryIds.length === 0) return;
  await env.DELIVERY_QUEUE.sendBatch(
    deliveryIds.map((deliveryId) => ({ body: { deliveryId } satisfies DeliveryMessage })),
  );
}
