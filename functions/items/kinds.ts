/**
 * What differs between kinds of item: their own table (deleted with the item), and how long they
 * are kept. A registration is the first kind; issue 19's questions and messages add theirs here,
 * and get the status code, idempotency, retention and erasure of every item.
 */
import type { Env } from "../env.ts";
import { provinceSettings } from "../settings.ts";

export interface ItemKind {
  /** The kind's own tables, keyed by the item's reference (deleted before the item). */
  ownTables: string[];
  /** Days kept after the office closes it, and at most after it arrived (never closed). */
  retention: (
    env: Pick<Env, "PROVINCE_SETTINGS">,
    provinceCode: string,
  ) => {
    afterClosingDays: number;
    maxAgeDays: number;
  };
}

/** A case never closed is deleted a year after it arrived, unless the province sets otherwise. */
export const defaultMaxAgeDays = 365;

export const itemKinds: Record<string, ItemKind> = {
  registration: {
    ownTables: ["registrations"],
    retention: (env, provinceCode) => {
      const s = provinceSettings(env, provinceCode);
      return {
        afterClosingDays: s.retentionDaysAfterClosing,
        maxAgeDays: s.retentionMaxDays ?? defaultMaxAgeDays,
      };
    },
  },
};

export function kindOf(kind: string): ItemKind {
  const k = itemKinds[kind];
  if (!k) throw new Error(`unknown item kind ${kind}`);
  return k;
}

export const days = (n: number) => n * 86_400_000;
