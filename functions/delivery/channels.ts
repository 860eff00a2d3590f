/**
 * The two ways a delivery leaves the service: an e-mail through the send_email binding, and a
 * signed webhook to a province's own system. Both throw on failure, with a reason that holds no
 * personal data, so that the queue retries.
 */
import type { Env } from "../env.ts";
import type { Notice } from "./messages.ts";
import { utf8 } from "../../site/src/core/domain/crypto/encoding.ts";
import { recordNotification } from "./store.ts";

export class DeliveryFailure extends Error {}

export async function sendNotice(
  env: Env,
  to: string,
  notice: Notice,
  deliveryId: string | null,
  kind: string,
): Promise<void> {
  if (!env.EMAIL) throw new DeliveryFailure("no send_email binding");
  try {
    await env.EMAIL.send({ from: env.NOTIFY_FROM, to, subject: notice.subject, text: notice.text });
  } catch (e) {
    throw new DeliveryFailure(`email: ${(e as Error).name}`);
  }
  // The record of what was sent (and the local outbox): no personal data in it.
  await recordNotification(env.DB, {
    deliveryId,
    kind,
    to,
    subject: notice.subject,
    body: notice.text,
  });
}

/** HMAC-SHA-256 over "<timestamp>.<body>", hex: the receiver recomputes it with the shared secret. */
export async function webhookSignature(
  secret: string,
  timestamp: string,
  body: string,
): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    utf8.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(
    await crypto.subtle.sign("HMAC", key, utf8.encode(`${timestamp}.${body}`)),
  );
  return [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export async function postWebhook(
  env: Env,
  url: string,
  deliveryId: string,
  payload: unknown,
): Promise<void> {
  if (!env.WEBHOOK_SECRET) throw new DeliveryFailure("WEBHOOK_SECRET is not set");
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-LoiVe-Delivery": deliveryId,
        "X-LoiVe-Timestamp": timestamp,
        "X-LoiVe-Signature": `sha256=${await webhookSignature(env.WEBHOOK_SECRET, timestamp, body)}`,
      },
      body,
    });
  } catch (e) {
    throw new DeliveryFailure(`webhook: ${(e as Error).name}`);
  }
  await res.body?.cancel();
  if (!res.ok) throw new DeliveryFailure(`webhook: HTTP ${res.status}`);
}
