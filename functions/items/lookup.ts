/**
 * Looking an item up with its reference and status code. Every attempt is counted before the code
 * is checked, in one atomic UPDATE … RETURNING, so concurrent guesses cannot slip past the count:
 * after `maxAttempts` wrong codes the item is locked for `lockHours`, even for the right code.
 * Unknown references and wrong codes read the same.
 */
import type { Env } from "../env.ts";
import { codeHmac, sameSecret } from "./secrets.ts";
import { normalizeSecretCode } from "../../site/src/domain/items/secret-code.ts";

export const maxAttempts = 10;
export const lockHours = 24;

export type SecretCheck = { ok: true } | { ok: false; reason: "mismatch" | "locked" };

export async function checkSecret(
  env: Pick<Env, "DB" | "STATUS_PEPPER">,
  reference: string,
  codeInput: string,
  now = new Date(),
): Promise<SecretCheck> {
  const at = now.toISOString();
  const lockEnd = new Date(now.getTime() + lockHours * 3_600_000).toISOString();
  // An expired lock starts a fresh count; reaching the limit sets the lock.
  const counted = await env.DB.prepare(
    `UPDATE item_secrets SET
        failures = CASE WHEN locked_until IS NOT NULL AND locked_until <= ?2 THEN 1 ELSE failures + 1 END,
        locked_until = CASE
          WHEN locked_until IS NOT NULL AND locked_until <= ?2 THEN NULL
          WHEN locked_until IS NULL AND failures + 1 > ?3 THEN ?4
          ELSE locked_until END
      WHERE reference = ?1
      RETURNING failures, locked_until, code_hmac`,
  )
    .bind(reference, at, maxAttempts, lockEnd)
    .first<{ failures: number; locked_until: string | null; code_hmac: string }>();
  if (!counted) return { ok: false, reason: "mismatch" };
  if (counted.locked_until && counted.locked_until > at) return { ok: false, reason: "locked" };
  const expected = await codeHmac(env.STATUS_PEPPER, reference, normalizeSecretCode(codeInput));
  if (!sameSecret(expected, counted.code_hmac)) return { ok: false, reason: "mismatch" };
  await env.DB.prepare(
    "UPDATE item_secrets SET failures = 0 WHERE reference = ? AND locked_until IS NULL",
  )
    .bind(reference)
    .run();
  return { ok: true };
}
