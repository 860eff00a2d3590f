/**
 * The office tables in D1: offices, their keys, provinces' recovery keys, sign-in challenges,
 * sessions and the audit log. Every SQL statement on them is here, with its row type. (The
 * office tool writes offices and keys through site/src/core/domain/offices/records.ts.)
 */
import type { Principal } from "../../site/src/core/schemas/office.ts";

export interface Route {
  officeId: string;
  officeName: string;
  officeEmail: string | null;
  webhookUrl: string | null;
  officeKid: string;
  officeKey: JsonWebKey;
  recoveryKid: string;
  recoveryKey: JsonWebKey;
}

interface RouteRow {
  id: string;
  name: string;
  email: string | null;
  webhook_url: string | null;
  kid: string;
  encryption_jwk: string;
  recovery_kid: string;
  recovery_jwk: string;
}

/** The commune's own office, else the province's receiving point; and the province's recovery key (one query). */
export async function routeFor(
  db: D1Database,
  provinceCode: string,
  communeCode: string,
): Promise<Route | undefined> {
  const row = await db
    .prepare(
      `SELECT o.id, o.name, o.email, o.webhook_url, k.kid, k.encryption_jwk,
            p.kid AS recovery_kid, p.encryption_jwk AS recovery_jwk
       FROM offices o
       JOIN office_keys k ON k.office_id = o.id AND k.status = 'active'
       JOIN province_keys p ON p.province_code = ?2 AND p.status = 'active'
      WHERE o.status = 'active' AND (o.commune_code = ?1 OR (o.commune_code IS NULL AND o.province_code = ?2))
      ORDER BY o.commune_code IS NULL, k.created_at DESC, p.created_at DESC LIMIT 1`,
    )
    .bind(communeCode, provinceCode)
    .first<RouteRow>();
  if (!row) return undefined;
  return {
    officeId: row.id,
    officeName: row.name,
    officeEmail: row.email,
    webhookUrl: row.webhook_url,
    officeKid: row.kid,
    officeKey: JSON.parse(row.encryption_jwk),
    recoveryKid: row.recovery_kid,
    recoveryKey: JSON.parse(row.recovery_jwk),
  };
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

// ---- the audit log ------------------------------------------------------------------------

export interface AuditEntry {
  actor: { kind: string; id: string };
  action: string;
  reference: string | null;
  detail?: string;
}

/** An audit entry as a statement, for writing in one batch with the change it records. */
export function auditStatement(db: D1Database, e: AuditEntry): D1PreparedStatement {
  return db
    .prepare(
      "INSERT INTO audit_log (actor_kind, actor_id, action, reference, detail) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(e.actor.kind, e.actor.id, e.action, e.reference, e.detail ?? null);
}
