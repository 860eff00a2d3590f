/**
 * Signed webhook deliveries, as the Worker sends them and a province's system checks them: each
 * office's secret is derived from the Worker's WEBHOOK_SECRET (the offices tool prints it for the
 * receiver), the signature covers a timestamp, the delivery id and the body, and receivers refuse
 * anything older than the replay window.
 */
import { utf8 } from "./encoding.ts";

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
