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
import type { AppEnv } from "../env.ts";
import { fromBase64Url, toBase64Url, utf8 } from "../../site/src/core/domain/crypto/encoding.ts";
import { verifyText } from "../../site/src/core/domain/crypto/keys.ts";
import {
  signInMessage,
  type Principal,
  type SignInRequest,
} from "../../site/src/core/schemas/office.ts";
import { audit } from "./audit.ts";
import {
  activePrincipal,
  activeSigningKey,
  deleteSession,
  findSession,
  insertChallenge,
  insertSession,
  takeChallenge,
  touchSession,
} from "./store.ts";

const sessionCookie = "__Host-loi_ve_office";
const cookie = { path: "/", secure: true } as const;
export const idleMinutes = 30;
const maxHours = 8;
const challengeSeconds = 120;

export type OfficeEnv = AppEnv & { Variables: { principal: Principal } };

async function sha256(text: string): Promise<string> {
  return toBase64Url(await crypto.subtle.digest("SHA-256", utf8.encode(text)));
}

export async function newChallenge(
  db: D1Database,
  now = new Date(),
): Promise<{ nonce: string; expiresAt: string }> {
  const nonce = toBase64Url(crypto.getRandomValues(new Uint8Array(24)));
  const expiresAt = new Date(now.getTime() + challengeSeconds * 1000).toISOString();
  await insertChallenge(db, nonce, expiresAt);
  return { nonce, expiresAt };
}

/** Checks a signed challenge; returns the principal, or undefined (the caller says only "could not sign in"). */
export async function verifySignIn(
  db: D1Database,
  req: SignInRequest,
  now = new Date(),
): Promise<Principal | undefined> {
  if (!(await takeChallenge(db, req.nonce, now.toISOString()))) return undefined;
  const key = await activeSigningKey(db, req.kind, req.id, req.kid);
  if (!key) return undefined;
  let signature: Uint8Array<ArrayBuffer>;
  try {
    signature = fromBase64Url(req.signature);
  } catch {
    return undefined;
  }
  const ok = await verifyText(
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
  await insertSession(c.env.DB, {
    tokenHash: await sha256(token),
    principal,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + maxHours * 3600_000).toISOString(),
  });
  setCookie(c, sessionCookie, token, {
    ...cookie,
    httpOnly: true,
    sameSite: "Strict",
    maxAge: maxHours * 3600,
  });
  await audit(c.env, principal, "sign-in", null);
}

export async function endSession(c: Context<OfficeEnv>): Promise<void> {
  const token = getCookie(c, sessionCookie);
  if (token) await deleteSession(c.env.DB, await sha256(token));
  deleteCookie(c, sessionCookie, cookie);
}

/** Requires a live session; refreshes its idle timer. Answers 401 (JSON) otherwise. */
export function requireSession(kind?: Principal["kind"]): MiddlewareHandler<OfficeEnv> {
  return async (c, next) => {
    const token = getCookie(c, sessionCookie);
    const now = new Date();
    if (!token) return c.json({ error: "signed-out" }, 401);
    const hash = await sha256(token);
    const s = await findSession(c.env.DB, hash);
    const idleLimit = new Date(now.getTime() - idleMinutes * 60_000).toISOString();
    if (!s || s.expires_at <= now.toISOString() || s.last_seen_at <= idleLimit) {
      if (s) await deleteSession(c.env.DB, hash);
      deleteCookie(c, sessionCookie, cookie);
      return c.json({ error: "session-expired" }, 401);
    }
    if (kind && s.principal_kind !== kind) return c.json({ error: "forbidden" }, 403);
    // A revoked office or key ends its sessions at once.
    const principal = await activePrincipal(c.env.DB, s.principal_kind, s.principal_id, s.kid);
    if (!principal) {
      await deleteSession(c.env.DB, hash);
      return c.json({ error: "session-expired" }, 401);
    }
    await touchSession(c.env.DB, hash, now.toISOString());
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
