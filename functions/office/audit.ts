/**
 * The audit log: every verified view and change of an item, every sign-in, every use of the
 * recovery key (written by the administrator's tool). Append-only (database triggers) and
 * hash-chained (site/src/core/domain/audit/chain.ts): each write seals what is not sealed yet.
 * Only verified actions are written: a refused sign-in is throttled, not logged, so nobody can
 * fill the log by sending requests.
 */
import type { Env } from "../env.ts";
import {
  planSeal,
  subjectFields,
  type UnsealedEntry,
} from "../../site/src/core/domain/audit/chain.ts";
import { auditToSeal, insertAudit, sealAudit } from "./store.ts";

export async function audit(
  env: Pick<Env, "DB">,
  actor: { kind: string; id: string },
  action: string,
  reference: string | null,
  detail?: string,
): Promise<void> {
  const subject = await subjectFields(reference, detail ?? null);
  await insertAudit(env.DB, { actor, action, reference, detail: detail ?? null, ...subject });
  await sealAuditLog(env.DB);
}

export async function sealAuditLog(db: D1Database): Promise<number> {
  const { last, pending } = await auditToSeal(db);
  const rows = pending.filter((r) => !last || r.id > last.id);
  if (rows.length === 0) return 0;
  const entries: UnsealedEntry[] = rows.map((r) => ({
    seq: r.id,
    at: r.at,
    actorKind: r.actor_kind,
    actorId: r.actor_id,
    action: r.action,
    reference: r.reference,
    detail: r.detail,
    subjectSalt: r.subject_salt,
    subjectDigest: r.subject_digest,
  }));
  const updates = await planSeal(last?.hash ?? null, entries);
  await sealAudit(
    db,
    updates.map((u, i) => ({
      ...u,
      previousSeq: i === 0 ? (last?.id ?? -1) : updates[i - 1]!.seq,
    })),
  );
  return updates.length;
}
