/**
 * The office tables in D1: offices, their keys, provinces' recovery keys, sign-in challenges,
 * sessions and the audit log. Every SQL statement on them is here, with its row type. (The
 * office tool writes offices and keys through site/src/core/domain/offices/records.ts.)
 */
import type { Principal } from "../../site/src/core/schemas/office.ts";

export interface OfficeRow {
  id: string;
  name: string;
  email: string | null;
  webhook_url: string | null;
  status: string;
  successor_id: string | null;
  commune_code: string | null;
}

/** The offices an item in this commune may go to: its own, their successors, the province's points. */
export async function officesForRouting(
  db: D1Database,
  provinceCode: string,
  communeCode: string,
): Promise<OfficeRow[]> {
  const { results } = await db
    .prepare(
      `SELECT id, name, email, webhook_url, status, successor_id, commune_code FROM offices
        WHERE province_code = ?2 AND (commune_code = ?1 OR commune_code IS NULL
           OR id IN (SELECT successor_id FROM offices WHERE commune_code = ?1 AND status = 'revoked'))
        ORDER BY created_at DESC`,
    )
    .bind(communeCode, provinceCode)
    .all<OfficeRow>();
  return results;
}

/** The fingerprint of an office key, shown to the officer to compare with the handover sheet. */
export async function keyFingerprint(db: D1Database, kid: string): Promise<string | null> {
  const row = await db
    .prepare("SELECT fingerprint FROM office_keys WHERE kid = ?")
    .bind(kid)
    .first<{ fingerprint: string | null }>();
  return row?.fingerprint ?? null;
}

/**
 * An office's first sign-in: the public halves of the keys its browser made, against the one-time
 * code's hash. Returns the office, or null for an unknown, expired or used code.
 */
export function completeEnrolment(
  db: D1Database,
  e: {
    codeHash: string;
    kid: string;
    encryption: JsonWebKey;
    signing: JsonWebKey;
    fingerprint: string;
    at: string;
  },
): Promise<{
  office_id: string;
  name: string;
  province_code: string;
  commune_code: string | null;
} | null> {
  return db
    .prepare(
      `UPDATE office_enrolments SET kid = ?, encryption_jwk = ?, signing_jwk = ?, fingerprint = ?, submitted_at = ?
        WHERE code_hash = ? AND expires_at > ? AND submitted_at IS NULL
        RETURNING office_id, name, province_code, commune_code`,
    )
    .bind(
      e.kid,
      JSON.stringify(e.encryption),
      JSON.stringify(e.signing),
      e.fingerprint,
      e.at,
      e.codeHash,
      e.at,
    )
    .first();
}

/** Where a province wants its alerts (deadlines, deliveries that failed), if anywhere. */
export async function provinceAlertEmail(
  db: D1Database,
  provinceCode: string,
): Promise<string | undefined> {
  const row = await db
    .prepare(
      "SELECT alert_email FROM province_keys WHERE province_code = ? AND status = 'active' AND alert_email IS NOT NULL LIMIT 1",
    )
    .bind(provinceCode)
    .first<{ alert_email: string }>();
  return row?.alert_email;
}

// ---- sign-in ------------------------------------------------------------------------------

export async function insertChallenge(
  db: D1Database,
  nonce: string,
  expiresAt: string,
): Promise<void> {
  await db
    .prepare("INSERT INTO sign_in_challenges (nonce, expires_at) VALUES (?, ?)")
    .bind(nonce, expiresAt)
    .run();
}

/** Uses up a challenge: true once, if it exists and has not expired. */
export async function takeChallenge(db: D1Database, nonce: string, now: string): Promise<boolean> {
  const used = await db
    .prepare("DELETE FROM sign_in_challenges WHERE nonce = ? AND expires_at > ? RETURNING nonce")
    .bind(nonce, now)
    .first();
  return used !== null;
}

interface SigningKeyRow {
  signing_jwk: string;
  province_code: string;
  name: string;
}

/** The active public signing key of an office (with its name) or of a province's recovery key. */
export function activeSigningKey(
  db: D1Database,
  kind: Principal["kind"],
  id: string,
  kid: string,
): Promise<SigningKeyRow | null> {
  return kind === "office"
    ? db
        .prepare(
          `SELECT k.signing_jwk, o.province_code, o.name FROM office_keys k JOIN offices o ON o.id = k.office_id
            WHERE k.kid = ? AND k.office_id = ? AND k.status = 'active' AND o.status = 'active'`,
        )
        .bind(kid, id)
        .first<SigningKeyRow>()
    : db
        .prepare(
          "SELECT signing_jwk, province_code, province_code AS name FROM province_keys WHERE kid = ? AND province_code = ? AND status = 'active'",
        )
        .bind(kid, id)
        .first<SigningKeyRow>();
}

// ---- sessions (stored as hashes of their tokens) ------------------------------------------

interface SessionRow {
  principal_kind: Principal["kind"];
  principal_id: string;
  kid: string;
  last_seen_at: string;
  expires_at: string;
}

export async function insertSession(
  db: D1Database,
  s: { tokenHash: string; principal: Principal; createdAt: string; expiresAt: string },
): Promise<void> {
  await db
    .prepare(
      "INSERT INTO sessions (token_hash, principal_kind, principal_id, kid, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(
      s.tokenHash,
      s.principal.kind,
      s.principal.id,
      s.principal.kid,
      s.createdAt,
      s.createdAt,
      s.expiresAt,
    )
    .run();
}

export function findSession(db: D1Database, tokenHash: string): Promise<SessionRow | null> {
  return db
    .prepare(
      "SELECT principal_kind, principal_id, kid, last_seen_at, expires_at FROM sessions WHERE token_hash = ?",
    )
    .bind(tokenHash)
    .first<SessionRow>();
}

export async function deleteSession(db: D1Database, tokenHash: string): Promise<void> {
  await db.prepare("DELETE FROM sessions WHERE token_hash = ?").bind(tokenHash).run();
}

export async function touchSession(db: D1Database, tokenHash: string, at: string): Promise<void> {
  await db
    .prepare("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?")
    .bind(at, tokenHash)
    .run();
}

/** Whether the principal of a session is still active: a revoked office or key ends it at once. */
export function activePrincipal(
  db: D1Database,
  kind: Principal["kind"],
  id: string,
  kid: string,
): Promise<{ province_code: string; name: string } | null> {
  return kind === "office"
    ? db
        .prepare(
          "SELECT o.province_code, o.name FROM offices o JOIN office_keys k ON k.office_id = o.id WHERE o.id = ? AND k.kid = ? AND o.status = 'active' AND k.status = 'active'",
        )
        .bind(id, kid)
        .first<{ province_code: string; name: string }>()
    : db
        .prepare(
          "SELECT province_code, province_code AS name FROM province_keys WHERE province_code = ? AND kid = ? AND status = 'active'",
        )
        .bind(id, kid)
        .first<{ province_code: string; name: string }>();
}

/** Challenges and sessions past their expiry (the scheduled sweep deletes them). */
export function deleteExpiredSignIns(db: D1Database, now: string): D1PreparedStatement[] {
  return [
    db.prepare("DELETE FROM sign_in_challenges WHERE expires_at < ?").bind(now),
    db.prepare("DELETE FROM sessions WHERE expires_at < ?").bind(now),
  ];
}

// ---- the audit log (append-only, hash-chained: office/audit.ts) ---------------------------

export interface AuditRow {
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

export async function insertAudit(
  db: D1Database,
  e: {
    actor: { kind: string; id: string };
    action: string;
    reference: string | null;
    detail: string | null;
    subjectSalt: string | null;
    subjectDigest: string | null;
  },
): Promise<void> {
  await db
    .prepare(
      "INSERT INTO audit_log (actor_kind, actor_id, action, reference, detail, subject_salt, subject_digest) VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(e.actor.kind, e.actor.id, e.action, e.reference, e.detail, e.subjectSalt, e.subjectDigest)
    .run();
}

/** The last sealed entry, and the entries not sealed yet (at most 200), in one round trip. */
export async function auditToSeal(
  db: D1Database,
): Promise<{ last: { id: number; hash: string } | undefined; pending: AuditRow[] }> {
  const [last, pending] = await db.batch([
    db.prepare("SELECT id, hash FROM audit_log WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1"),
    db.prepare(
      "SELECT id, at, actor_kind, actor_id, action, reference, detail, subject_salt, subject_digest FROM audit_log WHERE hash IS NULL ORDER BY id LIMIT 200",
    ),
  ]);
  return {
    last: (last!.results as { id: number; hash: string }[])[0],
    pending: pending!.results as AuditRow[],
  };
}

/**
 * Seals entries in order. Each update holds only if the entry before it still has the hash it
 * was chained to, so two sweeps at once cannot fork the chain.
 */
export async function sealAudit(
  db: D1Database,
  updates: {
    seq: number;
    previousSeq: number;
    prevHash: string;
    hash: string;
    subjectSalt: string | null;
    subjectDigest: string | null;
  }[],
): Promise<void> {
  await db.batch(
    updates.map((u) =>
      db
        .prepare(
          `UPDATE audit_log SET prev_hash = ?1, hash = ?2, subject_salt = ?3, subject_digest = ?4
            WHERE id = ?5 AND hash IS NULL
              AND COALESCE((SELECT hash FROM audit_log WHERE id = ?6), '${"0".repeat(64)}') = ?1`,
        )
        .bind(u.prevHash, u.hash, u.subjectSalt, u.subjectDigest, u.seq, u.previousSeq),
    ),
  );
}
