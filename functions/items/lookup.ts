/**
 * Looking an item up with its reference and status code. Every attempt is counted before the code
 * is checked, in one atomic UPDATE … RETURNING, so concurrent guesses cannot slip past the count:
 * after `maxAttempts` wrong codes the item is locked for `lockHours`, even for the right code.
 * Unknown references and wrong codes read the same.
 */
import type { Env } from "../env.ts";
import { codeHmac, sameSecret } from "./secrets.ts";
import { countAttempt, resetAttempts } from "./store.ts";
import { normalizeSecretCode } from "../../site/src/core/domain/items/secret-code.ts";

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
  const counted = await countAttempt(env.DB, reference, at, maxAttempts, lockEnd);
  if (!counted) return { ok: false, reason: "mismatch" };
  if (counted.locked_until && counted.locked_until > at) return { ok: false, reason: "locked" };
  const expected = await codeHmac(env.STATUS_PEPPER, reference, normalizeSecretCode(codeInput));
  if (!sameSecret(expected, counted.code_hmac)) return { ok: false, reason: "mismatch" };
  await resetAttempts(env.DB, reference);
  return { ok: true };
}
