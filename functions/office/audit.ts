/**
 * The audit log: every verified view and change of an item, every sign-in, every use of the
 * recovery key (written by the administrator's tool). Append-only (database triggers) and
 * hash-chained (site/src/domain/audit/chain.ts): each write seals what is not sealed yet.
 * Only verified actions are written: a refused sign-in is throttled, not logged, so nobody can
 * fill the log by sending requests.
 */
import type { Env } from "../env.ts";
import { planSeal, subjectFields, type UnsealedEntry } from "../../site/src/domain/audit/chain.ts";

export async function audit(
  env: Pick<Env, "DB">,
  actor: { kind: string; id: string },
  action: string,
  reference: string | null,
  detail?: string,
): Promise<void> {
  const subject = await subjectFields(reference, detail ?? null);
  await env.DB.prepare(
    "INSERT INTO audit_log (actor_kind, actor_id, action, reference, detail, subject_salt, subject_digest) VALUES (?, ?, ?, ?, ?, ?, ?)",
  )
    .bind(
      actor.kind,
      actor.id,
      action,
      reference,
      detail ?? null,
      subject.subjectSalt,
      subject.subjectDigest,
    )
    .run();
  await sealAuditLog(env.DB);
}

interface Row {
  id: number;
  at: string;
  actor_kind: string;
  actor_id: string;
  action: string;
  reference: string | null;
  detail: string | null;
  subject_salt: string | null;
  subject_digest: string | null;
}

export async function sealAuditLog(db: D1Database): Promise<number> {
  const [last, pending] = await db.batch([
    db.prepare("SELECT id, hash FROM audit_log WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1"),
    db.prepare(
      "SELECT id, at, actor_kind, actor_id, action, reference, detail, subject_salt, subject_digest FROM audit_log WHERE hash IS NULL ORDER BY id LIMIT 200",
    ),
  ]);
  const lastRow = (last!.results as { id: number; hash: string }[])[0];
  const rows = (pending!.results as Row[]).filter((r) => !lastRow || r.id > lastRow.id);
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
  const updates = await planSeal(lastRow?.hash ?? null, entries);
  await db.batch(
    updates.map((u, i) =>
      db
        .prepare(
          `UPDATE audit_log SET prev_hash = ?1, hash = ?2, subject_salt = ?3, subject_digest = ?4
            WHERE id = ?5 AND hash IS NULL
              AND COALESCE((SELECT hash FROM audit_log WHERE id = ?6), '${"0".repeat(64)}') = ?1`,
        )
        .bind(
          u.prevHash,
          u.hash,
          u.subjectSalt,
          u.subjectDigest,
          u.seq,
          i === 0 ? (lastRow?.id ?? -1) : updates[i - 1]!.seq,
        ),
    ),
  );
  return updates.length;
}
