/**
 * The two ways a delivery leaves the service: an e-mail through the send_email binding, and a
 * signed webhook to a province's own system. Both throw on failure, with a reason that holds no
 * personal data, so that the queue retries.
 *
 * Webhooks: https only; redirects are not followed (a 3xx is a failure: the ciphertext goes only
 * where the province said); each office's secret is its own, derived from the Worker's
 * WEBHOOK_SECRET (`npm run offices -- webhook-secret` prints it for the province's system); the
 * signature covers a timestamp, and receivers refuse anything older than the replay window.
 */
import type { Env } from "../env.ts";
import type { Notice } from "./messages.ts";
import { recordNotification } from "./store.ts";
import { webhookSecretFor, webhookSignature } from "../../site/src/core/domain/crypto/webhook.ts";

export class DeliveryFailure extends Error {}

export async function sendNotice(
  env: Env,
  to: string,
  notice: Notice,
  deliveryId: string | null,
  kind: string,
  references: string[] = [],
): Promise<void> {
  if (!env.EMAIL) throw new DeliveryFailure("no send_email binding");
  try {
    await env.EMAIL.send({ from: env.NOTIFY_FROM, to, subject: notice.subject, text: notice.text });
  } catch (e) {
    throw new DeliveryFailure(`email: ${(e as Error).name}`);
  }
  // The record of what was sent (and the local outbox): no personal data in it.
  // Which items it names, so that erasing an item deletes the notifications that mention it.
  await recordNotification(
    env.DB,
    { deliveryId, kind, to, subject: notice.subject, body: notice.text },
    references,
  );
}

export async function postWebhook(
  env: Env,
  url: string,
  officeId: string,
  deliveryId: string,
  payload: unknown,
): Promise<void> {
  if (!env.WEBHOOK_SECRET) throw new DeliveryFailure("WEBHOOK_SECRET is not set");
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new DeliveryFailure("webhook: not a URL");
  }
  if (target.protocol !== "https:") throw new DeliveryFailure("webhook: not https");
  const secret = await webhookSecretFor(env.WEBHOOK_SECRET, officeId);
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  let res: Response;
  try {
    res = await fetch(target, {
      method: "POST",
      redirect: "manual",
      headers: {
        "Content-Type": "application/json",
        "X-LoiVe-Delivery": deliveryId,
        "X-LoiVe-Timestamp": timestamp,
        "X-LoiVe-Signature": `sha256=${await webhookSignature(secret, timestamp, `${deliveryId}.${body}`)}`,
      },
      body,
    });
  } catch (e) {
    throw new DeliveryFailure(`webhook: ${(e as Error).name}`);
  }
  await res.body?.cancel();
  if (res.status >= 300 && res.status < 400)
    throw new DeliveryFailure(`webhook: redirect ${res.status} not followed`);
  if (!res.ok) throw new DeliveryFailure(`webhook: HTTP ${res.status}`);
}
