/**
 * POST /api/registrations: the one door through which a registration enters the service.
 *
 *   form version (a page from before Mẫu 20/33 is refused whole) → checks (origin, type, size,
 *   rate, honeypot, Turnstile) → validate with the schema → the payload (one zod schema)
 *   → same idempotency key? answer with the existing registration
 *   → route to the commune's office → encrypt to the office and the province's recovery key
 *   → store ciphertext + deliveries in one batch → enqueue delivery → receipt
 *
 * Browsers post the check page's form and are redirected to the receipt, and the draft cookies
 * are deleted (or they are shown the check page with errors); other clients post JSON and get
 * JSON. Nothing personal is logged. The decision is due 24 hours after receipt (Decree 163 Art. 91.1).
 */
import { Hono, type Context } from "hono";
import type { Env } from "../env.ts";
import { field, readBody, RequestProblem, type ParsedBody } from "../http/forms.ts";
import { langOr, t, type Lang } from "../http/i18n.ts";
import { problemResponse } from "../http/problems.ts";
import { renderCheckPage } from "./check-page.ts";
import { localizedErrors, outdatedForm } from "./journey.ts";
import { clearDraftCookies, emptyDraft } from "./draft.ts";
import { journeyFlags } from "./route.ts";
import { statusCheck } from "./secrets.ts";
import {
  findByIdempotencyKey,
  insertRegistration,
  routeFor,
  type PlannedDelivery,
  type RegistrationSummary,
} from "./store.ts";
import { verifyTurnstile } from "./turnstile.ts";
import { schemaNow } from "./units.ts";
import { enqueueDeliveries } from "../delivery/enqueue.ts";
import { encryptFor, registrationAad } from "../../site/src/domain/crypto/envelope.ts";
import { utf8 } from "../../site/src/domain/crypto/encoding.ts";
import { newReference, formatReference } from "../../site/src/domain/registration/reference.ts";
import { communeByCode, provinceByCode } from "../../site/src/domain/admin-units/index.ts";
import { provinceSettings } from "../settings.ts";
import { formVersion } from "../../site/src/schemas/registration/fields.ts";
import { journeyControlNames } from "../../site/src/domain/registration/journey.ts";
import { validateRegistration } from "../../site/src/schemas/registration/schema.ts";
import type { RawAnswers } from "../../site/src/schemas/registration/normalize.ts";
import {
  payloadOf,
  payloadSchema,
  type RegistrationPayload,
} from "../../site/src/schemas/registration/payload.ts";
import type { FieldError } from "../render/template.ts";
import { rowKeyOf } from "../../site/src/domain/registration/display.ts";

type AppContext = Context<{ Bindings: Env }>;
const bodyLimit = 16 * 1024;
/**
 * The commune police decides within 24 hours of receiving the registration (Decree 163/2026
 * Art. 91.1). The clock is kept from the moment Lối Về delivers it; the office sees the time.
 */
export const decisionHours = 24;

export function dueByFrom(submittedAt: Date): string {
  return new Date(submittedAt.getTime() + decisionHours * 3600_000).toISOString();
}

/** The answers a request carries: only the journey's own form controls. */
function answersFrom(fields: ParsedBody["fields"]): RawAnswers {
  const known = new Set(journeyControlNames);
  const answers: RawAnswers = {};
  for (const [name, value] of Object.entries(fields)) if (known.has(name)) answers[name] = value;
  return answers;
}

export type { RegistrationPayload };

function receiptPath(lang: Lang, reference: string) {
  return `/${lang}/register/receipt/${reference}/`;
}

function accepted(
  c: AppContext,
  body: ParsedBody,
  lang: Lang,
  r: Pick<RegistrationSummary, "reference" | "due_by" | "office_name">,
  created: boolean,
): Response {
  if (body.kind === "form") {
    // Sent: the draft is deleted (with JavaScript, the receipt page deletes the device's copy).
    const headers = new Headers({ Location: receiptPath(lang, r.reference) });
    for (const cookie of clearDraftCookies(new URL(c.req.url).protocol === "https:"))
      headers.append("Set-Cookie", cookie);
    return new Response(null, { status: 303, headers });
  }
  return c.json(
    {
      reference: r.reference,
      referenceDisplay: formatReference(r.reference),
      receipt: receiptPath(lang, r.reference),
      office: r.office_name,
      decisionDueBy: r.due_by,
    },
    created ? 201 : 200,
  );
}

async function refuse(
  c: AppContext,
  body: ParsedBody,
  lang: Lang,
  status: 400 | 403 | 429 | 503,
  code: string,
  errors: FieldError[],
): Promise<Response> {
  if (body.kind === "json")
    return c.json(
      { error: code, fields: errors.map((e) => ({ field: e.field, message: e.message })) },
      status,
    );
  const answers = answersFrom(body.fields);
  return renderCheckPage(
    c,
    lang,
    { ...emptyDraft(), answers, idempotencyKey: field(body.fields, "idempotencyKey") || undefined },
    errors,
    status,
  );
}

export const registrationsApi = new Hono<{ Bindings: Env }>().post("/", async (c) => {
  let body: ParsedBody;
  try {
    body = await readBody(c.req.raw, bodyLimit, { allowJson: true });
  } catch (e) {
    if (e instanceof RequestProblem) return problemResponse(c.req.raw, e, langOr(null));
    throw e;
  }
  const lang = langOr(field(body.fields, "lang"));
  // A page from before the Mẫu 20/33 field set: refused as a whole, nothing read or written.
  if (field(body.fields, "formVersion") !== formVersion) {
    if (body.kind === "json")
      return c.json({ error: "form-version", message: t(lang, "reg.error.formVersion") }, 409);
    return outdatedForm(c, lang);
  }
  const ip = c.req.header("CF-Connecting-IP") ?? null;
  const answers = answersFrom(body.fields);

  // Rural mobile users share addresses: the key combines the address with the commune.
  const limited = !(
    await c.env.FORM_RATE_LIMITER.limit({
      key: `registration|${ip ?? "local"}|${field(body.fields, "communeCode")}`,
    })
  ).success;
  if (limited)
    return refuse(c, body, lang, 429, "rate-limited", [
      { field: "send", message: t(lang, "request.error.rate-limited") },
    ]);

  if (field(body.fields, "website") !== "") {
    return refuse(c, body, lang, 400, "honeypot", [
      { field: "website", message: t(lang, "form.error.honeypot") },
    ]);
  }

  const idempotencyKey =
    field(body.fields, "idempotencyKey") || c.req.header("Idempotency-Key") || "";
  if (!/^[A-Za-z0-9-]{16,64}$/.test(idempotencyKey)) {
    return refuse(c, body, lang, 400, "idempotency-key", [
      { field: "send", message: t(lang, "reg.error.idempotency") },
    ]);
  }
  const result = validateRegistration(schemaNow(), answers);
  if (!result.ok) {
    const errors = localizedErrors(lang, result.issues).map((e) => ({
      ...e,
      target: `change-${rowKeyOf(e.field)}`,
    }));
    return refuse(c, body, lang, 400, "invalid", errors);
  }
  const r = result.data;

  const provinceCode = String(r.provinceCode);
  const communeCode = String(r.communeCode);
  const turnstile = provinceSettings(c.env, provinceCode).turnstile;
  if (turnstile.enabled) {
    // A Turnstile token works once: a retried form is answered before it is checked again.
    const existing = await findByIdempotencyKey(c.env.DB, idempotencyKey);
    if (existing) return accepted(c, body, lang, existing, false);
  }
  if (
    turnstile.enabled &&
    !(await verifyTurnstile(
      c.env.TURNSTILE_SECRET,
      field(body.fields, "cf-turnstile-response"),
      ip,
    ))
  ) {
    return refuse(c, body, lang, 403, "turnstile", [
      { field: "send", message: t(lang, "reg.error.turnstile") },
    ]);
  }

  const route = await routeFor(c.env.DB, provinceCode, communeCode);
  if (!route)
    return refuse(c, body, lang, 503, "no-office", [
      {
        field: "communeCode",
        message: t(lang, "reg.error.noOffice"),
        target: "change-communeCode",
      },
    ]);

  const now = new Date();
  const submittedAt = now.toISOString();
  const dueBy = dueByFrom(now);
  // The one payload definition (site/src/schemas/registration/payload.ts), checked before encryption.
  const payload = payloadSchema.parse(
    payloadOf(r, {
      submittedAt,
      lang,
      communeName: (code) => communeByCode(code)?.name ?? "",
      provinceName: (code) => provinceByCode(code)?.name ?? "",
      flags: journeyFlags(c.env, answers),
    }),
  );
  const reference = newReference();
  try {
    const envelope = await encryptFor(
      utf8.encode(JSON.stringify(payload)),
      [
        { kid: route.officeKid, role: "office", publicKey: route.officeKey },
        { kid: route.recoveryKid, role: "recovery", publicKey: route.recoveryKey },
      ],
      registrationAad(reference, communeCode),
    );
    const deliveries: PlannedDelivery[] = [
      ...(route.officeEmail
        ? [{ id: crypto.randomUUID(), channel: "email" as const, target: route.officeEmail }]
        : []),
      ...(route.webhookUrl
        ? [{ id: crypto.randomUUID(), channel: "webhook" as const, target: route.webhookUrl }]
        : []),
    ];
    await insertRegistration(
      c.env.DB,
      {
        reference,
        idempotencyKey,
        provinceCode,
        communeCode,
        officeId: route.officeId,
        // In clear for the province's anonymous counts: home/community or a facility.
        treatmentForm: payload.treatmentForm === "home" ? "home" : "facility",
        lang,
        envelope,
        statusCheck: await statusCheck(c.env.STATUS_PEPPER, reference, payload.person.dateOfBirth),
        submittedAt,
        dueBy,
      },
      deliveries,
    );
    // Delivery is retried by the queue and swept by the scheduled job: a failure here loses nothing.
    c.executionCtx.waitUntil(
      enqueueDeliveries(
        c.env,
        deliveries.map((d) => d.id),
      ).catch(() => undefined),
    );
  } catch (error) {
    // A retried or double-submitted form: its key is already stored. Answer with that registration.
    const existing = await findByIdempotencyKey(c.env.DB, idempotencyKey).catch(() => null);
    if (existing) return accepted(c, body, lang, existing, false);
    console.error(
      JSON.stringify({ event: "registration-store-failed", error: (error as Error).name }),
    );
    return refuse(c, body, lang, 503, "unavailable", [
      { field: "send", message: t(lang, "reg.error.unavailable") },
    ]);
  }
  return accepted(c, body, lang, { reference, due_by: dueBy, office_name: route.officeName }, true);
});
