/**
 * Signing in to the office inbox with nothing to remember but the key file's passphrase: the
 * officer's browser opens the key file, signs a one-time challenge with the office's private
 * key, and the Worker checks the signature against the stored public key. A session cookie
 * (`__Host-`: this origin only, Secure, Path=/; HttpOnly, SameSite=Strict) then lasts 30 minutes of
 * inactivity and 8 hours at most. Sessions are stored as hashes. A province administrator signs in
 * with a signing-only key: the recovery key never enters a browser.
 */
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie, deleteCookie } from "hono/cookie";
import type { Env } from "../env.ts";
import { fromBase64Url, toBase64Url, utf8 } from "../../site/src/domain/crypto/encoding.ts";
import { verifyChallenge } from "../../site/src/domain/crypto/keys.ts";
import { audit } from "./audit.ts";

export const sessionCookie = "__Host-loi_ve_office";
export const idleMinutes = 30;
export const maxHours = 8;
const challengeSeconds = 120;

export interface Principal {
  kind: "office" | "province";
  id: string;
  kid: string;
  provinceCode: string;
  name: string;
}
export type OfficeEnv = { Bindings: Env; Variables: { principal: Principal } };

export function signInMessage(kind: string, id: string, nonce: string): string {
  return `loi-ve/sign-in/v1|${kind}|${id}|${nonce}`;
}

async function sha256(text: string): Promise<string> {
  return toBase64Url(await crypto.subtle.digest("SHA-256", utf8.encode(text)));
}

export async function newChallenge(
  env: Env,
  now = new Date(),
): Promise<{ nonce: string; expiresAt: string }> {
  const nonce = toBase64Url(crypto.getRandomValues(new Uint8Array(24)));
  const expiresAt = new Date(now.getTime() + challengeSeconds * 1000).toISOString();
  await env.DB.prepare("INSERT INTO sign_in_challenges (nonce, expires_at) VALUES (?, ?)")
    .bind(nonce, expiresAt)
    .run();
  return { nonce, expiresAt };
}

interface SignInRequest {
  kind: "office" | "province";
  id: string;
  kid: string;
  nonce: string;
  signature: string;
}

/** Checks a signed challenge; returns the principal, or undefined (the caller says only "could not sign in"). */
export async function verifySignIn(
  env: Env,
  req: SignInRequest,
  now = new Date(),
): Promise<Principal | undefined> {
  const used = await env.DB.prepare(
    "DELETE FROM sign_in_challenges WHERE nonce = ? AND expires_at > ? RETURNING nonce",
  )
    .bind(req.nonce, now.toISOString())
    .first();
  if (!used) return undefined;
  const key =
    req.kind === "office"
      ? await env.DB.prepare(
          `SELECT k.signing_jwk, o.province_code, o.name FROM office_keys k JOIN offices o ON o.id = k.office_id
        WHERE k.kid = ? AND k.office_id = ? AND k.status = 'active' AND o.status = 'active'`,
        )
          .bind(req.kid, req.id)
          .first<{ signing_jwk: string; province_code: string; name: string }>()
      : await env.DB.prepare(
          "SELECT signing_jwk, province_code, province_code AS name FROM province_keys WHERE kid = ? AND province_code = ? AND status = 'active'",
        )
          .bind(req.kid, req.id)
          .first<{ signing_jwk: string; province_code: string; name: string }>();
  if (!key) return undefined;
  let signature: Uint8Array<ArrayBuffer>;
  try {
    signature = fromBase64Url(req.signature);
  } catch {
    return undefined;
  }
  const ok = await verifyChallenge(
    JSON.parse(key.signing_jwk),
    signInMessage(req.kind, req.id, req.nonce),
    signature,
  ).catch(() => false);
  return ok
    ? { kind: req.kind, id: req.id, kid: req.kid, provinceCode: key.province_code, name: key.name }
    : undefined;
}

export async function startSession(
  c: Context<OfficeEnv>,
  principal: Principal,
  now = new Date(),
): Promise<void> {
  const token = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
  const created = now.toISOString();
  await c.env.DB.prepare(
    "INSERT INTO sessions (token_hash, principal_kind, principal_id, kid, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
  )
    .bind(
      await sha256(token),
      principal.kind,
      principal.id,
      principal.kid,
      created,
      created,
      new Date(now.getTime() + maxHours * 3600_000).toISOString(),
    )
    .run();
  setCookie(c, sessionCookie, token, {
    path: "/",
    httpOnly: true,
    sameSite: "Strict",
    secure: true,
    maxAge: maxHours * 3600,
  });
  await audit(c.env, principal, "sign-in", null);
}

export async function endSession(c: Context<OfficeEnv>): Promise<void> {
  const token = getCookie(c, sessionCookie);
  if (token)
    await c.env.DB.prepare("DELETE FROM sessions WHERE token_hash = ?")
      .bind(await sha256(token))
      .run();
  deleteCookie(c, sessionCookie, { path: "/", secure: true });
}

/** Requires a live session; refreshes its idle timer. Answers 401 (JSON) otherwise. */
export function requireSession(kind?: Principal["kind"]): MiddlewareHandler<OfficeEnv> {
  return async (c, next) => {
    const token = getCookie(c, sessionCookie);
    const now = new Date();
    if (!token) return c.json({ error: "signed-out" }, 401);
    const hash = await sha256(token);
    const s = await c.env.DB.prepare(
      `SELECT s.principal_kind, s.principal_id, s.kid, s.last_seen_at, s.expires_at FROM sessions s WHERE s.token_hash = ?`,
    )
      .bind(hash)
      .first<{
        principal_kind: "office" | "province";
        principal_id: string;
        kid: string;
        last_seen_at: string;
        expires_at: string;
      }>();
    const idleLimit = new Date(now.getTime() - idleMinutes * 60_000).toISOString();
    if (!s || s.expires_at <= now.toISOString() || s.last_seen_at <= idleLimit) {
      if (s) await c.env.DB.prepare("DELETE FROM sessions WHERE token_hash = ?").bind(hash).run();
      deleteCookie(c, sessionCookie, { path: "/", secure: true });
      return c.json({ error: "session-expired" }, 401);
    }
    if (kind && s.principal_kind !== kind) return c.json({ error: "forbidden" }, 403);
    // A revoked office or key ends its sessions at once.
    const principal =
      s.principal_kind === "office"
        ? await c.env.DB.prepare(
            "SELECT o.province_code, o.name FROM offices o JOIN office_keys k ON k.office_id = o.id WHERE o.id = ? AND k.kid = ? AND o.status = 'active' AND k.status = 'active'",
          )
            .bind(s.principal_id, s.kid)
            .first<{ province_code: string; name: string }>()
        : await c.env.DB.prepare(
            "SELECT province_code, province_code AS name FROM province_keys WHERE province_code = ? AND kid = ? AND status = 'active'",
          )
            .bind(s.principal_id, s.kid)
            .first<{ province_code: string; name: string }>();
    if (!principal) {
      await c.env.DB.prepare("DELETE FROM sessions WHERE token_hash = ?").bind(hash).run();
      return c.json({ error: "session-expired" }, 401);
    }
    await c.env.DB.prepare("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?")
      .bind(now.toISOString(), hash)
      .run();
    c.set("principal", {
      kind: s.principal_kind,
      id: s.principal_id,
      kid: s.kid,
      provinceCode: principal.province_code,
      name: principal.name,
    });
    await next();
  };
}
