/**
 * What the administrator's tool does to D1 when an office leaves or gets new keys, as SQL it runs
 * through wrangler (and the Worker tests run against their own D1): the items are opened with the
 * province's recovery key, here, offline, and sealed again to the office that takes them over.
 */
import { sql } from "./sql.ts";
import { rewrapItem, type ItemEnvelope } from "../crypto/hpke.ts";
import type { DirectoryOffice } from "../crypto/directory.ts";
import type { PrivateKeys } from "../crypto/keys.ts";
import { eraseSql } from "../items/erasure.ts";

export interface StoredItemRow {
  reference: string;
  kind: string;
  commune_code: string;
  form_version: string;
  envelope: string;
}

export const itemsOfOfficeSql = (officeId: string) =>
  `SELECT reference, kind, commune_code, form_version, envelope FROM items WHERE office_id = ${sql(officeId)} ORDER BY created_at`;

/** Seals each item again to `to` (replacing the office entry), with the recovery key. */
export async function rewrapStatements(
  items: StoredItemRow[],
  recovery: PrivateKeys[],
  to: DirectoryOffice,
): Promise<{ statements: string[]; unreadable: string[] }> {
  const statements: string[] = [];
  const unreadable: string[] = [];
  for (const item of items) {
    const envelope = JSON.parse(item.envelope) as ItemEnvelope;
    const opener = recovery.find((k) => envelope.recipients?.some((r) => r.kid === k.kid));
    if (!opener?.encryption || envelope.v !== 2) {
      unreadable.push(item.reference);
      continue;
    }
    const rewrapped = await rewrapItem(
      envelope,
      {
        kind: item.kind,
        reference: item.reference,
        communeCode: item.commune_code,
        formVersion: item.form_version,
      },
      { kid: opener.kid, privateJwk: opener.encryption },
      { kid: to.kid, role: "office", publicKey: to.encryption },
      "office",
    );
    statements.push(
      `UPDATE items SET envelope = ${sql(JSON.stringify(rewrapped))}, office_id = ${sql(to.id)} WHERE reference = ${sql(item.reference)}`,
    );
  }
  return { statements, unreadable };
}

/**
 * Revoking an office: its deliveries stop, its items go to the successor (re-wrapped), its keys
 * and sessions end, and new items for its commune route to the successor at once.
 */
export async function revokeStatements(
  officeId: string,
  items: StoredItemRow[],
  recovery: PrivateKeys[],
  successor: DirectoryOffice,
  now = new Date(),
): Promise<{ statements: string[]; unreadable: string[] }> {
  const { statements, unreadable } = await rewrapStatements(items, recovery, successor);
  return {
    unreadable,
    statements: [
      `UPDATE deliveries SET state = 'stopped' WHERE state IN ('pending', 'dead') AND reference IN (SELECT reference FROM items WHERE office_id = ${sql(officeId)})`,
      ...statements,
      `UPDATE offices SET status = 'revoked', successor_id = ${sql(successor.id)}, updated_at = ${sql(now.toISOString())} WHERE id = ${sql(officeId)}`,
      `UPDATE office_keys SET status = 'revoked', retired_at = ${sql(now.toISOString())} WHERE office_id = ${sql(officeId)} AND status != 'revoked'`,
      `DELETE FROM sessions WHERE principal_kind = 'office' AND principal_id = ${sql(officeId)}`,
    ],
  };
}

/** The same erasure the Worker does (functions/items/erase.ts), as literal SQL. */
export function eraseStatementsSql(kind: string, reference: string): string[] {
  return eraseSql(kind).map((s) => s.replaceAll("?1", sql(reference)));
}

/** An audit entry written by the tool; the tool seals the chain after writing it. */
export function auditSql(
  actor: { kind: string; id: string },
  action: string,
  subject: { subjectSalt: string | null; subjectDigest: string | null },
  reference: string | null = null,
  detail: string | null = null,
): string {
  return `INSERT INTO audit_log (actor_kind, actor_id, action, reference, detail, subject_salt, subject_digest) VALUES (${sql(actor.kind)}, ${sql(actor.id)}, ${sql(action)}, ${sql(reference)}, ${sql(detail)}, ${sql(subject.subjectSalt)}, ${sql(subject.subjectDigest)})`;
}
