/**
 * Threshold shares of a province's offline key file, for provinces that want no single person
 * able to open every registration: the key file is sealed with a random 256-bit unlock key, and
 * that key (not the private keys themselves: the library's own advice) is split with Shamir's
 * scheme over GF(2^8) by `shamir-secret-sharing` (audited by Cure53 and Zellic, no dependencies).
 * Each share goes to one holder, in a share file sealed with that holder's own passphrase.
 * Combining the wrong or too few shares gives a wrong unlock key, which AES-GCM then refuses:
 * the result is verified, never trusted.
 */
import { combine, split } from "shamir-secret-sharing";
import { fromBase64Url, toBase64Url } from "./encoding.ts";

export interface Share {
  /** Which split the share belongs to (shares of different splits never combine). */
  splitId: string;
  threshold: number;
  total: number;
  /** 1-based number of this share, printed on the holder's file. */
  index: number;
  share: string;
}

export async function splitUnlockKey(
  unlockKey: Uint8Array,
  total: number,
  threshold: number,
): Promise<Share[]> {
  if (!(threshold >= 2 && threshold <= total && total <= 16))
    throw new Error("shares: need 2 ≤ threshold ≤ holders ≤ 16");
  const splitId = toBase64Url(crypto.getRandomValues(new Uint8Array(9)));
  const parts = await split(unlockKey, total, threshold);
  return parts.map((p, i) => ({ splitId, threshold, total, index: i + 1, share: toBase64Url(p) }));
}

export async function combineShares(shares: Share[]): Promise<Uint8Array> {
  const first = shares[0];
  if (!first) throw new Error("shares: none given");
  if (shares.some((s) => s.splitId !== first.splitId))
    throw new Error("shares: these shares come from different splits");
  if (new Set(shares.map((s) => s.index)).size !== shares.length)
    throw new Error("shares: the same share was given twice");
  if (shares.length < first.threshold)
    throw new Error(`shares: ${first.threshold} of ${first.total} holders are needed`);
  return combine(shares.map((s) => fromBase64Url(s.share)));
}
