/**
 * The office inbox API (/api/office/*). An office sees only its own registrations, as ciphertext
 * it decrypts on its own device; asking for another office's registration answers "not found"
 * and is logged. A province's administrator sees only the anonymous figures. An office enrols by
 * sending the public halves of keys its own browser made, with the one-time code from the
 * province; it can erase a registration at once (Law 91), which deletes every row naming it.
 * Sign-in attempts are throttled per client address; only verified actions are audited.
 */
import { Hono } from "hono";
import type { OfficeEnv } from "./auth.ts";
import { endSession, newChallenge, requireSession, startSession, verifySignIn } from "./auth.ts";
import { audit } from "./audit.ts";
import { figuresCsv, provinceFigures } from "./figures.ts";
import { isSameOrigin } from "../http/forms.ts";
import { statusUpdateSchema } from "../../site/src/schemas/office.ts";
import {
  isValidReference,
  normalizeReference,
} from "../../site/src/domain/registration/reference.ts";
import { communeByCode } from "../../site/src/domain/admin-units/index.ts";
import { withinLimit } from "../http/client.ts";
import { eraseStatements } from "../items/erase.ts";
import { days, kindOf } from "../items/kinds.ts";
import { fingerprint, keyId, publicPart } from "../../site/src/domain/crypto/keys.ts";
import { sha256Hex } from "../../site/src/domain/crypto/canonical.ts";

const jsonBody = async (req: Request): Promise<Record<string, unknown> | undefined> => {
  if (!(req.headers.get("Content-Type") ?? "").startsWith("application/json")) return undefined;
  if (Number(req.headers.get("Content-Length") ?? 0) > 8192) return undefined;
  try {
    const v = await req.json();
    return typeof v === "object" && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

export const officeApi = new Hono<OfficeEnv>()
  // Cookie-authenticated requests are accepted only from this origin.
  .use("*", async (c, next) =>
    c.req.method === "GET" || isSameOrigin(c.req.raw)
      ? next()
      : c.json({ error: "cross-origin" }, 403),
  )
  .post("/challenge", async (c) => {
    if (!(await withinLimit(c.env.FORM_RATE_LIMITER, "sign-in", c.req.raw)))
      return c.json({ error: "rate-limited" }, 429);
    return c.json(await newChallenge(c.env));
  })
  .post("/session", async (c) => {
    if (!(await withinLimit(c.env.FORM_RATE_LIMITER, "sign-in", c.req.raw)))
      return c.json({ error: "rate-limited" }, 429);
    const body = await jsonBody(c.req.raw);
    const str = (k: string) => (typeof body?.[k] === "string" ? (body[k] as string) : "");
    const kind = str("kind");
    if (!body || (kind !== "office" && kind !== "province"))
      return c.json({ error: "invalid" }, 400);
    const principal = await verifySignIn(c.env, {
      kind,
      id: str("id"),
      kid: str("kid"),
      nonce: str("nonce"),
      signature: str("signature"),
    });
    // Not audited: an unverified request must not be able to write to the audit log.
    if (!principal) return c.json({ error: "sign-in-failed" }, 401);
    await startSession(c, principal);
    return c.json({ principal });
  })
  .post("/sign-out", async (c) => {
    await endSession(c);
    return c.json({ ok: true });
  })
  .post("/enrolment", async (c) => {
    // An office's first sign-in: the one-time code from the province, and the public halves of
    // the keys its browser just made. The private halves never leave that browser.
    if (!(await withinLimit(c.env.FORM_RATE_LIMITER, "enrol", c.req.raw)))
      return c.json({ error: "rate-limited" }, 429);
    const body = await jsonBody(c.req.raw);
    const code =
      typeof body?.code === "string" ? body.code.toUpperCase().replace(/[\s-]/g, "") : "";
    const enc = body?.encryption as JsonWebKey | undefined;
    const sig = body?.signing as JsonWebKey | undefined;
    const isP256 = (k: JsonWebKey | undefined) =>
      !!k &&
      k.kty === "EC" &&
      k.crv === "P-256" &&
      typeof k.x === "string" &&
      typeof k.y === "string" &&
      !("d" in k);
    if (!/^[2-9A-Z]{16}$/.test(code) || !isP256(enc) || !isP256(sig))
      return c.json({ error: "invalid" }, 400);
    const encryption = publicPart(enc!);
    const signing = publicPart(sig!);
    try {
      await crypto.subtle.importKey(
        "jwk",
        encryption,
        { name: "ECDH", namedCurve: "P-256" },
        true,
        [],
      );
      await crypto.subtle.importKey("jwk", signing, { name: "ECDSA", namedCurve: "P-256" }, true, [
        "verify",
      ]);
    } catch {
      return c.json({ error: "invalid" }, 400);
    }
    const kid = await keyId(encryption, signing);
    const print = await fingerprint({ encryption, signing });
    const done = await c.env.DB.prepare(
      `UPDATE office_enrolments SET kid = ?, encryption_jwk = ?, signing_jwk = ?, fingerprint = ?, submitted_at = ?
        WHERE code_hash = ? AND expires_at > ? AND submitted_at IS NULL
        RETURNING office_id, name, province_code, commune_code`,
    )
      .bind(
        kid,
        JSON.stringify(encryption),
        JSON.stringify(signing),
        print,
        new Date().toISOString(),
        await sha256Hex(`loi-ve/enrolment/v1|${code}`),
        new Date().toISOString(),
      )
      .first<{
        office_id: string;
        name: string;
        province_code: string;
        commune_code: string | null;
      }>();
    if (!done) return c.json({ error: "unknown-or-used-code" }, 404);
    await audit(c.env, { kind: "office", id: done.office_id }, "enrolment-keys", null, kid);
    return c.json({
      officeId: done.office_id,
      name: done.name,
      provinceCode: done.province_code,
      communeCode: done.commune_code,
      kid,
      fingerprint: print,
    });
  })
  .get("/me", requireSession(), async (c) => {
    const p = c.get("principal");
    const key =
      p.kind === "office"
        ? await c.env.DB.prepare("SELECT fingerprint FROM office_keys WHERE kid = ?")
            .bind(p.kid)
            .first<{ fingerprint: string | null }>()
        : null;
    return c.json({ principal: p, fingerprint: key?.fingerprint ?? null });
  })
  .get("/registrations", requireSession("office"), async (c) => {
    const p = c.get("principal");
    const { results } = await c.env.DB.prepare(
      `SELECT i.reference, i.commune_code, i.status, i.status_message, i.created_at AS submitted_at, r.due_by,
              r.first_opened_at, i.updated_at, i.sealed_on, i.identity_checked_at
         FROM items i JOIN registrations r ON r.reference = i.reference
        WHERE i.office_id = ? AND i.kind = 'registration' ORDER BY i.created_at DESC LIMIT 500`,
    )
      .bind(p.id)
      .all<{ commune_code: string }>();
    return c.json({
      registrations: results.map((r) => ({
        ...r,
        commune_name: communeByCode(r.commune_code)?.name ?? r.commune_code,
      })),
    });
  })
  .get("/registrations/:reference", requireSession("office"), async (c) => {
    const p = c.get("principal");
    const reference = normalizeReference(c.req.param("reference"));
    const row = isValidReference(reference)
      ? await c.env.DB.prepare(
          `SELECT i.reference, i.kind, i.office_id, i.commune_code, i.province_code, i.form_version, i.status, i.status_message,
                  i.created_at AS submitted_at, r.due_by, i.sealed_on, i.identity_checked_at, i.envelope
             FROM items i JOIN registrations r ON r.reference = i.reference WHERE i.reference = ?`,
        )
          .bind(reference)
          .first<{ office_id: string; envelope: string | null } & Record<string, unknown>>()
      : null;
    if (!row || row.office_id !== p.id) {
      await audit(c.env, p, "view-refused", reference.slice(0, 16));
      return c.json({ error: "not-found" }, 404);
    }
    await c.env.DB.prepare(
      "UPDATE registrations SET first_opened_at = COALESCE(first_opened_at, ?) WHERE reference = ?",
    )
      .bind(new Date().toISOString(), reference)
      .run();
    await audit(c.env, p, "view", reference);
    const { office_id: _, envelope, ...rest } = row;
    return c.json({ registration: { ...rest, envelope: envelope ? JSON.parse(envelope) : null } });
  })
  .post("/registrations/:reference/events", requireSession("office"), async (c) => {
    // What the officer's browser reports: the print view was opened, or decryption failed (tampering).
    const p = c.get("principal");
    const reference = normalizeReference(c.req.param("reference"));
    const event = (await jsonBody(c.req.raw))?.event;
    if (event !== "print" && event !== "decryption-failed")
      return c.json({ error: "invalid" }, 400);
    const owned = await c.env.DB.prepare(
      "SELECT 1 FROM items WHERE reference = ? AND office_id = ?",
    )
      .bind(reference, p.id)
      .first();
    if (!owned) return c.json({ error: "not-found" }, 404);
    await audit(c.env, p, event, reference);
    return c.json({ ok: true });
  })
  .post("/registrations/:reference/status", requireSession("office"), async (c) => {
    const p = c.get("principal");
    const reference = normalizeReference(c.req.param("reference"));
    const parsed = statusUpdateSchema.safeParse((await jsonBody(c.req.raw)) ?? {});
    if (!parsed.success)
      return c.json(
        {
          error: "invalid",
          issues: parsed.error.issues.map((i) => ({ field: String(i.path[0]), key: i.message })),
        },
        400,
      );
    const { status, message } = parsed.data;
    const now = new Date();
    const at = now.toISOString();
    const { afterClosingDays } = kindOf("registration").retention(c.env, p.provinceCode);
    // Closing brings the deletion date forward; reopening never pushes it back (MIN).
    const updated = await c.env.DB.prepare(
      `UPDATE items SET status = ?1, status_message = ?2, updated_at = ?3,
         closed_at = CASE WHEN ?1 = 'closed' THEN COALESCE(closed_at, ?3) ELSE NULL END,
         retain_until = CASE WHEN ?1 = 'closed' THEN MIN(retain_until, ?6) ELSE retain_until END
       WHERE reference = ?4 AND office_id = ?5 AND kind = 'registration' RETURNING reference`,
    )
      .bind(
        status,
        message || null,
        at,
        reference,
        p.id,
        new Date(now.getTime() + days(afterClosingDays)).toISOString(),
      )
      .first();
    if (updated && status === "decided")
      await c.env.DB.prepare(
        "UPDATE registrations SET decided_at = COALESCE(decided_at, ?) WHERE reference = ?",
      )
        .bind(at, reference)
        .run();
    if (!updated) {
      await audit(c.env, p, "change-refused", reference.slice(0, 16));
      return c.json({ error: "not-found" }, 404);
    }
    await audit(c.env, p, "status", reference, status);
    return c.json({ ok: true, status, updatedAt: at });
  })
  .post("/registrations/:reference/identity", requireSession("office"), async (c) => {
    // The officer saw the person and their identity card: the online filing is no longer unchecked.
    const p = c.get("principal");
    const reference = normalizeReference(c.req.param("reference"));
    const done = await c.env.DB.prepare(
      "UPDATE items SET identity_checked_at = COALESCE(identity_checked_at, ?) WHERE reference = ? AND office_id = ? RETURNING identity_checked_at",
    )
      .bind(new Date().toISOString(), reference, p.id)
      .first<{ identity_checked_at: string }>();
    if (!done) return c.json({ error: "not-found" }, 404);
    await audit(c.env, p, "identity-checked", reference);
    return c.json({ ok: true, identityCheckedAt: done.identity_checked_at });
  })
  .post("/registrations/:reference/erase", requireSession("office"), async (c) => {
    // Erase now (a Law 91 request): the office confirms by typing the reference again. Every row
    // that names the case goes in one transaction; the audit keeps that an erasure happened.
    const p = c.get("principal");
    const reference = normalizeReference(c.req.param("reference"));
    const confirm = normalizeReference(String((await jsonBody(c.req.raw))?.confirm ?? ""));
    if (!isValidReference(reference) || confirm !== reference)
      return c.json({ error: "confirm", key: "office.erase.confirmMismatch" }, 400);
    const owned = await c.env.DB.prepare(
      "SELECT kind FROM items WHERE reference = ? AND office_id = ?",
    )
      .bind(reference, p.id)
      .first<{ kind: string }>();
    if (!owned) return c.json({ error: "not-found", key: "office.erase.notFound" }, 404);
    await c.env.DB.batch(eraseStatements(c.env.DB, owned.kind, reference));
    await audit(c.env, p, "erase", null, owned.kind);
    return c.json({ ok: true });
  })
  .get("/figures", requireSession("province"), async (c) => {
    const p = c.get("principal");
    await audit(c.env, p, "figures", null);
    return c.json(await provinceFigures(c.env.DB, p.provinceCode));
  })
  .get("/figures.csv", requireSession("province"), async (c) => {
    const p = c.get("principal");
    await audit(c.env, p, "figures-export", null);
    return new Response(figuresCsv(await provinceFigures(c.env.DB, p.provinceCode)), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="loi-ve-figures-${p.provinceCode}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  });
