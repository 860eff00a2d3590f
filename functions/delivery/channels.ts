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
import { utf8 } from "../../site/src/domain/crypto/encoding.ts";

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
  const row = await env.DB.prepare(
    "INSERT INTO notifications (delivery_id, kind, to_address, subject, body) VALUES (?, ?, ?, ?, ?) RETURNING id",
  )
    .bind(deliveryId, kind, to, notice.subject, notice.text)
    .first<{ id: number }>();
  if (row && references.length)
    await env.DB.batch(
      references.map((r) =>
        env.DB.prepare(
          "INSERT OR IGNORE INTO notification_items (notification_id, reference) VALUES (?, ?)",
        ).bind(row.id, r),
      ),
    );
}

/** Receivers refuse a delivery whose timestamp is further than this from their clock. */
export const webhookReplayWindowSeconds = 300;

async function hmacHex(secret: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    utf8.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, utf8.encode(text)));
  return [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The secret of one office's webhook: HMAC(WEBHOOK_SECRET, office id). One leaked secret opens no other. */
export function webhookSecretFor(master: string, officeId: string): Promise<string> {
  return hmacHex(master, `loi-ve/webhook-secret/v1|${officeId}`);
}

/**
 * How a receiver checks a delivery (documented in the README, used by the tests): the signature
 * over "<timestamp>.<delivery id>.<body>" with its own secret, and a timestamp within the window.
 */
export async function verifyWebhook(
  secret: string,
  headers: { timestamp: string; deliveryId: string; signature: string },
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<boolean> {
  const ts = Number(headers.timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowSeconds - ts) > webhookReplayWindowSeconds) return false;
  const expected = `sha256=${await webhookSignature(secret, headers.timestamp, `${headers.deliveryId}.${body}`)}`;
  if (expected.length !== headers.signature.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++)
    diff |= expected.charCodeAt(i) ^ headers.signature.charCodeAt(i);
  return diff === 0;
}

/** HMAC-SHA-256 over "<timestamp>.<body>", hex: the receiver recomputes it with the shared secret. */
export function webhookSignature(
  secret: string,
  timestamp: string,
  signed: string,
): Promise<string> {
  return hmacHex(secret, `${timestamp}.${signed}`);
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
