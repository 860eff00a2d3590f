/**
 * POST /api/registrations: the one door through which a registration enters the service.
 *
 *   checks (origin, type, size, rate, honeypot, Turnstile) → validate with the schema
 *   → same idempotency key? answer with the existing registration
 *   → route to the commune's office → encrypt to the office and the province's recovery key
 *   → store ciphertext + deliveries in one batch → enqueue delivery → receipt
 *
 * Browsers post the check page's form and are redirected to the receipt (or shown the check page
 * with errors); other clients post JSON and get JSON. Nothing personal is logged.
 */
import { Hono, type Context } from "hono";
import type { AppEnv } from "../env.ts";
import { field, parseBody, type ParsedBody } from "../http/body.ts";
import { rateLimit } from "../http/rate-limit.ts";
import { t, type Lang } from "../http/i18n.ts";
import { answersFrom } from "./answers.ts";
import { renderCheckPage } from "./check-page.ts";
import { localizedErrors } from "./journey.ts";
import { statusCheck } from "./secrets.ts";
import { findByIdempotencyKey, insertRegistration, type RegistrationSummary } from "./store.ts";
import { routeFor } from "../office/store.ts";
import type { PlannedDelivery } from "../delivery/store.ts";
import { verifyTurnstile } from "./turnstile.ts";
import { schemaNow } from "./units.ts";
import { enqueueDeliveries } from "../delivery/enqueue.ts";
import { encryptFor, registrationAad } from "../../site/src/core/domain/crypto/envelope.ts";
import { utf8 } from "../../site/src/core/domain/crypto/encoding.ts";
import {
  newReference,
  formatReference,
} from "../../site/src/core/domain/registration/reference.ts";
import { addWorkingDays } from "../../site/src/core/domain/time/vietnam.ts";
import { provinceSettings } from "../settings.ts";
import { communeByCode, provinceByCode } from "../../site/src/core/domain/admin-units/index.ts";
import {
  digitsOnly,
  normalizePhone,
  normalizeText,
  validateRegistration,
  type Registration,
} from "../../site/src/core/schemas/registration/schema.ts";
import type { RegistrationPayload } from "../../site/src/core/schemas/registration/payload.ts";
import type { FieldError } from "../render/template.ts";

type AppContext = Context<AppEnv>;
/** The decision is due 3 working days after a complete dossier (procedure 1.010941). */
export const decisionWorkingDays = 3;

/** What the office will read: the normalized answers, only those the procedure needs. */
function payloadOf(r: Registration, submittedAt: string, lang: Lang): RegistrationPayload {
  const child = r.registrant === "child";
  return {
    v: 1,
    form: "voluntary-registration/working-list-2026",
    submittedAt,
    lang,
    person: {
      fullName: r.fullName,
      dateOfBirth: r.dateOfBirth,
      sex: r.sex,
      personalId: r.personalId,
      address: {
        detail: r.addressDetail,
        communeCode: r.communeCode,
        commune: communeByCode(r.communeCode)?.name ?? "",
        provinceCode: r.provinceCode,
        province: provinceByCode(r.provinceCode)?.name ?? "",
      },
      phone: r.phone || null,
    },
    representative: child
      ? {
          fullName: normalizeText(r.repName ?? ""),
          relationship: r.repRelationship ?? "",
          personalId: digitsOnly(r.repPersonalId ?? ""),
          phone: normalizePhone(r.repPhone ?? ""),
        }
      : null,
    drugUse: {
      drugs: r.drugs,
      other: r.drugs.includes("other") ? (r.drugsOther ?? "") : null,
      duration: r.useDuration,
      methods: r.useMethods,
      previousTreatment: r.previousTreatment,
    },
    treatmentForm: r.treatmentForm,
    registrant: r.registrant,
    commitment: true,
    consent: { given: true, at: submittedAt },
  };
}

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
  if (body.kind === "form") return c.redirect(receiptPath(lang, r.reference), 303);
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
  const page = await renderCheckPage(c, lang, answersFrom(body.fields), errors);
  return new Response(page.body, { status, headers: page.headers });
}

export const registrationsApi = new Hono<AppEnv>().post(
  "/",
  parseBody(16 * 1024, "form-or-json"),
  // Rural mobile users share addresses: the key combines the address with the commune.
  rateLimit("registration", "communeCode"),
  async (c) => {
    const body = c.get("body");
    const lang = c.get("lang");
    const ip = c.req.header("CF-Connecting-IP") ?? null;
    const answers = answersFrom(body.fields);

    if (c.get("rateLimited"))
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
        target: `change-${e.field}`,
      }));
      return refuse(c, body, lang, 400, "invalid", errors);
    }
    const r = result.data;

    const turnstile = provinceSettings(c.env, r.provinceCode).turnstile;
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

    const route = await routeFor(c.env.DB, r.provinceCode, r.communeCode);
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
    const dueBy = addWorkingDays(now, decisionWorkingDays);
    const reference = newReference();
    try {
      const envelope = await encryptFor(
        utf8.encode(JSON.stringify(payloadOf(r, submittedAt, lang))),
        [
          { kid: route.officeKid, role: "office", publicKey: route.officeKey },
          { kid: route.recoveryKid, role: "recovery", publicKey: route.recoveryKey },
        ],
        registrationAad(reference, r.communeCode),
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
          provinceCode: r.provinceCode,
          communeCode: r.communeCode,
          officeId: route.officeId,
          treatmentForm: r.treatmentForm,
          lang,
          envelope,
          statusCheck: await statusCheck(c.env.STATUS_PEPPER, reference, r.dateOfBirth),
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
    return accepted(
      c,
      body,
      lang,
      { reference, due_by: dueBy, office_name: route.officeName },
      true,
    );
  },
);
