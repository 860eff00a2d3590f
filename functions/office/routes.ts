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
import { isSameOrigin, parseBody } from "../http/body.ts";
import {
  officeEventSchema,
  signInRequestSchema,
  statusUpdateSchema,
  type InboxEntry,
} from "../../site/src/core/schemas/office.ts";
import {
  isValidReference,
  normalizeReference,
} from "../../site/src/core/domain/registration/reference.ts";
import { communeByCode } from "../../site/src/core/domain/admin-units/index.ts";
import { inboxOf, isOfficeOf, markOpened, openedBy, updateStatus } from "../registration/store.ts";

/** What the inbox posts is small JSON; the limit holds however the body is sent. */
const json = () => parseBody(8 * 1024, "json");

export const officeApi = new Hono<OfficeEnv>()
  // Cookie-authenticated requests are accepted only from this origin.
  .use("*", async (c, next) =>
    c.req.method === "GET" || isSameOrigin(c.req.raw)
      ? next()
      : c.json({ error: "cross-origin" }, 403),
  )
  .post("/challenge", async (c) => c.json(await newChallenge(c.env.DB)))
  .post("/session", json(), async (c) => {
    const parsed = signInRequestSchema.safeParse(c.get("body").fields);
    if (!parsed.success) return c.json({ error: "invalid" }, 400);
    const principal = await verifySignIn(c.env.DB, parsed.data);
    if (!principal) {
      const { kind, id } = parsed.data;
      await audit(c.env, { kind, id: id.slice(0, 64) }, "sign-in-refused", null);
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
    const registrations: InboxEntry[] = (await inboxOf(c.env.DB, c.get("principal").id)).map(
      (r) => ({ ...r, commune_name: communeByCode(r.commune_code)?.name ?? r.commune_code }),
    );
    return c.json({ registrations });
  })
  .get("/registrations/:reference", requireSession("office"), async (c) => {
    const p = c.get("principal");
    const reference = normalizeReference(c.req.param("reference"));
    const registration = isValidReference(reference)
      ? await openedBy(c.env.DB, p.id, reference)
      : null;
    if (!registration) {
      await audit(c.env, p, "view-refused", reference.slice(0, 16));
      return c.json({ error: "not-found" }, 404);
    }
    await markOpened(c.env.DB, reference, new Date().toISOString());
    await audit(c.env, p, "view", reference);
    return c.json({ registration });
  })
  .post("/registrations/:reference/events", requireSession("office"), json(), async (c) => {
    const p = c.get("principal");
    const reference = normalizeReference(c.req.param("reference"));
    const parsed = officeEventSchema.safeParse(c.get("body").fields);
    if (!parsed.success) return c.json({ error: "invalid" }, 400);
    if (!(await isOfficeOf(c.env.DB, p.id, reference))) return c.json({ error: "not-found" }, 404);
    await audit(c.env, p, parsed.data.event, reference);
    return c.json({ ok: true });
  })
  .post("/registrations/:reference/status", requireSession("office"), json(), async (c) => {
    const p = c.get("principal");
    const reference = normalizeReference(c.req.param("reference"));
    const parsed = statusUpdateSchema.safeParse(c.get("body").fields);
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
    if (
      !(await updateStatus(c.env.DB, p.id, reference, {
        status,
        message: message || null,
        at: now,
      }))
    ) {
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
