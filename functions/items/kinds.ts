/**
 * What differs between kinds of item: how long they are kept (their own tables, deleted with the
 * item, are listed in site/src/core/domain/items/erasure.ts). A registration is the first kind; issue 19's questions and messages add theirs here,
 * and get the status code, idempotency, retention and erasure of every item.
 */
import type { Env } from "../env.ts";
import { provinceSettings } from "../settings.ts";

export interface ItemKind {
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
