/**
 * The office inbox API (/api/office/*). An office sees only its own registrations, as ciphertext
 * it decrypts on its own device; asking for another office's registration answers "not found"
 * and is logged. A province's administrator sees only the anonymous figures.
 */
import { Hono } from "hono";
import type { OfficeEnv } from "./auth.ts";
import { endSession, newChallenge, requireSession, startSession, verifySignIn } from "./auth.ts";
import { audit } from "./audit.ts";
import { figuresCsv, provinceFigures } from "./figures.ts";
import { isSameOrigin } from "../http/body.ts";
import { statusUpdateSchema } from "../../site/src/core/schemas/office.ts";
import {
  isValidReference,
  normalizeReference,
} from "../../site/src/core/domain/registration/reference.ts";
import { communeByCode } from "../../site/src/core/domain/admin-units/index.ts";

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
  .post("/challenge", async (c) => c.json(await newChallenge(c.env)))
  .post("/session", async (c) => {
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
    if (!principal) {
      await audit(c.env, { kind, id: str("id").slice(0, 64) }, "sign-in-refused", null);
      return c.json({ error: "sign-in-failed" }, 401);
    }
    await startSession(c, principal);
    return c.json({ principal });
  })
  .post("/sign-out", async (c) => {
    await endSession(c);
    return c.json({ ok: true });
  })
  .get("/me", requireSession(), (c) => c.json({ principal: c.get("principal") }))
  .get("/registrations", requireSession("office"), async (c) => {
    const p = c.get("principal");
    const { results } = await c.env.DB.prepare(
      `SELECT reference, commune_code, status, status_message, submitted_at, due_by, first_opened_at, updated_at, envelope IS NULL AS purged
         FROM registrations WHERE office_id = ? ORDER BY submitted_at DESC LIMIT 500`,
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
          "SELECT reference, office_id, commune_code, province_code, status, status_message, submitted_at, due_by, envelope FROM registrations WHERE reference = ?",
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
      "SELECT 1 FROM registrations WHERE reference = ? AND office_id = ?",
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
    const now = new Date().toISOString();
    const updated = await c.env.DB.prepare(
      `UPDATE registrations SET status = ?1, status_message = ?2, updated_at = ?3,
         decided_at = CASE WHEN ?1 = 'decided' THEN COALESCE(decided_at, ?3) ELSE decided_at END,
         closed_at = CASE WHEN ?1 = 'closed' THEN COALESCE(closed_at, ?3) ELSE NULL END
       WHERE reference = ?4 AND office_id = ?5 RETURNING reference`,
    )
      .bind(status, message || null, now, reference, p.id)
      .first();
    if (!updated) {
      await audit(c.env, p, "change-refused", reference.slice(0, 16));
      return c.json({ error: "not-found" }, 404);
    }
    await audit(c.env, p, "status", reference, status);
    return c.json({ ok: true, status, updatedAt: now });
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
