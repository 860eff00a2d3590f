/**
 * The office inbox API (/api/office/*). An office sees only its own registrations, as ciphertext
 * it decrypts on its own device; asking for another office's registration answers "not found"
 * and is logged. A province's administrator sees only the anonymous figures. An office enrols by
 * sending the public halves of keys its own browser made, with the one-time code from the
 * province; it can erase a registration at once (Law 91), which deletes every row naming it.
 * Sign-in attempts are throttled per client address; only verified actions are audited.
 */
import { Hono, type Context } from "hono";
import type { OfficeEnv } from "./auth.ts";
import { endSession, newChallenge, requireSession, startSession, verifySignIn } from "./auth.ts";
import { audit } from "./audit.ts";
import { figuresCsv, provinceFigures } from "./figures.ts";
import { completeEnrolment, keyFingerprint } from "./store.ts";
import { isSameOrigin, parseBody } from "../http/body.ts";
import { rateLimit } from "../http/rate-limit.ts";
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
import { fingerprint, keyId, publicPart } from "../../site/src/core/domain/crypto/keys.ts";
import { sha256Hex } from "../../site/src/core/domain/crypto/canonical.ts";
import { days, kindOf } from "../items/kinds.ts";
import {
  eraseItems,
  kindOfOfficeItem,
  markIdentityChecked,
  updateRegistrationItem,
} from "../items/store.ts";
import { inboxOf, markDecided, markOpened, openedBy } from "../registration/store.ts";

/** What the inbox posts is small JSON; the limit holds however the body is sent. */
const json = () => parseBody(8 * 1024, "json");
const sent = (c: Context<OfficeEnv>) => c.get("body").value ?? {};
const tooMany = (c: Context<OfficeEnv>) => c.json({ error: "rate-limited" }, 429);

const isP256 = (k: unknown): k is JsonWebKey =>
  typeof k === "object" &&
  k !== null &&
  (k as JsonWebKey).kty === "EC" &&
  (k as JsonWebKey).crv === "P-256" &&
  typeof (k as JsonWebKey).x === "string" &&
  typeof (k as JsonWebKey).y === "string" &&
  !("d" in k);

export const officeApi = new Hono<OfficeEnv>()
  // Cookie-authenticated requests are accepted only from this origin.
  .use("*", async (c, next) =>
    c.req.method === "GET" || isSameOrigin(c.req.raw)
      ? next()
      : c.json({ error: "cross-origin" }, 403),
  )
  .post("/challenge", rateLimit("sign-in"), async (c) =>
    c.get("rateLimited") ? tooMany(c) : c.json(await newChallenge(c.env.DB)),
  )
  .post("/session", rateLimit("sign-in"), json(), async (c) => {
    if (c.get("rateLimited")) return tooMany(c);
    const parsed = signInRequestSchema.safeParse(sent(c));
    if (!parsed.success) return c.json({ error: "invalid" }, 400);
    const principal = await verifySignIn(c.env.DB, parsed.data);
    // Not audited: an unverified request must not be able to write to the audit log.
    if (!principal) return c.json({ error: "sign-in-failed" }, 401);
    await startSession(c, principal);
    return c.json({ principal });
  })
  .post("/sign-out", async (c) => {
    await endSession(c);
    return c.json({ ok: true });
  })
  .post("/enrolment", rateLimit("enrol"), json(), async (c) => {
    // An office's first sign-in: the one-time code from the province, and the public halves of
    // the keys its browser just made. The private halves never leave that browser.
    if (c.get("rateLimited")) return tooMany(c);
    const body = sent(c);
    const code = typeof body.code === "string" ? body.code.toUpperCase().replace(/[\s-]/g, "") : "";
    if (!/^[2-9A-Z]{16}$/.test(code) || !isP256(body.encryption) || !isP256(body.signing))
      return c.json({ error: "invalid" }, 400);
    const encryption = publicPart(body.encryption);
    const signing = publicPart(body.signing);
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
    const done = await completeEnrolment(c.env.DB, {
      codeHash: await sha256Hex(`loi-ve/enrolment/v1|${code}`),
      kid,
      encryption,
      signing,
      fingerprint: print,
      at: new Date().toISOString(),
    });
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
    const print = p.kind === "office" ? await keyFingerprint(c.env.DB, p.kid) : null;
    return c.json({ principal: p, fingerprint: print });
  })
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
    // What the officer's browser reports: the print view was opened, or decryption failed (tampering).
    const p = c.get("principal");
    const reference = normalizeReference(c.req.param("reference"));
    const parsed = officeEventSchema.safeParse(sent(c));
    if (!parsed.success) return c.json({ error: "invalid" }, 400);
    if (!(await kindOfOfficeItem(c.env.DB, p.id, reference)))
      return c.json({ error: "not-found" }, 404);
    await audit(c.env, p, parsed.data.event, reference);
    return c.json({ ok: true });
  })
  .post("/registrations/:reference/status", requireSession("office"), json(), async (c) => {
    const p = c.get("principal");
    const reference = normalizeReference(c.req.param("reference"));
    const parsed = statusUpdateSchema.safeParse(sent(c));
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
    const updated = await updateRegistrationItem(c.env.DB, p.id, reference, {
      status,
      message: message || null,
      at,
      retainAfterClosing: new Date(now.getTime() + days(afterClosingDays)).toISOString(),
    });
    if (updated && status === "decided") await markDecided(c.env.DB, reference, at);
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
    const checkedAt = await markIdentityChecked(
      c.env.DB,
      p.id,
      reference,
      new Date().toISOString(),
    );
    if (!checkedAt) return c.json({ error: "not-found" }, 404);
    await audit(c.env, p, "identity-checked", reference);
    return c.json({ ok: true, identityCheckedAt: checkedAt });
  })
  .post("/registrations/:reference/erase", requireSession("office"), json(), async (c) => {
    // Erase now (a Law 91 request): the office confirms by typing the reference again. Every row
    // that names the case goes in one transaction; the audit keeps that an erasure happened.
    const p = c.get("principal");
    const reference = normalizeReference(c.req.param("reference"));
    const confirm = normalizeReference(String(sent(c).confirm ?? ""));
    if (!isValidReference(reference) || confirm !== reference)
      return c.json({ error: "confirm", key: "office.erase.confirmMismatch" }, 400);
    const kind = await kindOfOfficeItem(c.env.DB, p.id, reference);
    if (!kind) return c.json({ error: "not-found", key: "office.erase.notFound" }, 404);
    await eraseItems(c.env.DB, [{ reference, kind }]);
    await audit(c.env, p, "erase", null, kind);
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
