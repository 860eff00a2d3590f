/**
 * POST /api/registrations: the one door through which a registration enters the service.
 *
 *   the form version (a page from before Mẫu 20/33 is refused whole, nothing written)
 *   → checks (origin, type, size, rate, honeypot, idempotency key, Turnstile)
 *   → sealed on the device?  check what is in clear (province, commune, form of treatment) and
 *                            that the envelope is addressed to the routed office's and the
 *                            province's recovery key from the signed directory; never opened
 *     sent without JavaScript? validate the answers with the schema and seal them here, in memory
 *   → same idempotency key: same content answers with the same receipt, other content is refused
 *   → one batch: item, its secret (status code), its registration row (the decision due 24 hours
 *     after receipt, Decree 163/2026 Art. 91.1), its deliveries
 *   → enqueue delivery → receipt (303 + a one-time receipt cookie, or JSON)
 *
 * Nothing personal is logged, queued or returned in an error: the answers exist only in this
 * request's memory, and only on the no-JavaScript path.
 */
import { Hono, type Context } from "hono";
import type { AppEnv } from "../env.ts";
import { field, parseBody, type ParsedBody } from "../http/body.ts";
import { rateLimit } from "../http/rate-limit.ts";
import { t, type Lang } from "../http/i18n.ts";
import { renderCheckPage } from "./check-page.ts";
import { localizedErrors, outdatedForm } from "./journey.ts";
import { clearDraftCookies, emptyDraft } from "./draft.ts";
import { journeyFlags } from "./route.ts";
import { verifyTurnstile } from "./turnstile.ts";
import { schemaNow, unitLookup } from "./units.ts";
import { enqueueDeliveries } from "../delivery/enqueue.ts";
import { provinceSettings } from "../settings.ts";
import { routeItem, type ItemRoute } from "../items/route.ts";
import { codeHmac, contentHash, openShort, referenceFor, sealShort } from "../items/secrets.ts";
import { findItemByKey, insertItemStatements } from "../items/store.ts";
import type { PlannedDelivery } from "../delivery/store.ts";
import { dueByOf, registrationRowStatement } from "./store.ts";
import { setReceiptCookie } from "../items/receipt-cookie.ts";
import { days, kindOf } from "../items/kinds.ts";
import {
  parseEnvelope,
  sealItem,
  type ItemEnvelope,
} from "../../site/src/core/domain/crypto/hpke.ts";
import { canonicalJson } from "../../site/src/core/domain/crypto/canonical.ts";
import { utf8 } from "../../site/src/core/domain/crypto/encoding.ts";
import { formatReference } from "../../site/src/core/domain/registration/reference.ts";
import { formatSecretCode, newSecretCode } from "../../site/src/core/domain/items/secret-code.ts";
import { communeByCode, provinceByCode } from "../../site/src/core/domain/admin-units/index.ts";
import { validateRegistration } from "../../site/src/core/schemas/registration/schema.ts";
import {
  formVersion,
  treatmentFormOptions,
} from "../../site/src/core/schemas/registration/fields.ts";
import {
  payloadOf,
  payloadSchema,
  registrationFormVersion,
} from "../../site/src/core/schemas/registration/payload.ts";
import type { RawAnswers } from "../../site/src/core/schemas/registration/normalize.ts";
import { journeyControlNames } from "../../site/src/core/domain/registration/journey.ts";
import { rowKeyOf } from "../../site/src/core/domain/registration/display.ts";
import type { FieldError } from "../render/template.ts";

type AppContext = Context<AppEnv>;
/**
 * The commune police decides within 24 hours of receiving the registration (Decree 163/2026
 * Art. 91.1). The clock is kept from the moment Lối Về delivers it; the office sees the time.
 */
export const decisionHours = 24;

export function dueByFrom(receivedAt: Date): string {
  return new Date(receivedAt.getTime() + decisionHours * 3600_000).toISOString();
}

/** The answers a request carries: only the journey's own form controls. */
function answersFrom(fields: ParsedBody["fields"]): RawAnswers {
  const known = new Set(journeyControlNames);
  const answers: RawAnswers = {};
  for (const [name, value] of Object.entries(fields)) if (known.has(name)) answers[name] = value;
  return answers;
}
/** How long a retry of the same submission still shows the status code. */
export const receiptRetryMinutes = 10;
export const kind = "registration";

/** In clear, for the province's anonymous counts: at home or in the community, or at a facility. */
function clearTreatmentForm(treatmentForm: string): string {
  return treatmentForm === "home" ? "home" : "facility";
}

function receiptPath(lang: Lang, reference: string) {
  return `/${lang}/register/receipt/${reference}/`;
}

interface Receipt {
  reference: string;
  officeName: string;
  dueBy: string;
  /** Null once the code has been shown and the retry window has passed. */
  code: string | null;
  sealedOn?: "device" | "worker";
}

async function accepted(
  c: AppContext,
  body: ParsedBody,
  lang: Lang,
  r: Receipt,
  created: boolean,
): Promise<Response> {
  if (r.code) await setReceiptCookie(c, c.env.STATUS_PEPPER, r.reference, r.code);
  // Sent: the journey's draft is deleted (with JavaScript, the receipt deletes the device's copy).
  for (const cookie of clearDraftCookies(new URL(c.req.url).protocol === "https:"))
    c.header("Set-Cookie", cookie, { append: true });
  if (body.kind === "form") return c.redirect(receiptPath(lang, r.reference), 303);
  return c.json(
    {
      reference: r.reference,
      referenceDisplay: formatReference(r.reference),
      statusCode: r.code ? formatSecretCode(r.code) : null,
      receipt: receiptPath(lang, r.reference),
      office: r.officeName,
      decisionDueBy: r.dueBy,
      ...(r.sealedOn ? { sealedOn: r.sealedOn } : {}),
    },
    created ? 201 : 200,
  );
}

async function refuse(
  c: AppContext,
  body: ParsedBody,
  lang: Lang,
  status: 400 | 403 | 409 | 429 | 503,
  code: string,
  errors: FieldError[],
): Promise<Response> {
  if (body.kind === "json")
    return c.json(
      { error: code, fields: errors.map((e) => ({ field: e.field, message: e.message })) },
      status,
    );
  return renderCheckPage(
    c,
    lang,
    { ...emptyDraft(), answers: answersFrom(body.fields) },
    errors,
    status,
  );
}

/** A retry: same key and same content gets the same receipt; other content never does. */
async function replay(
  c: AppContext,
  body: ParsedBody,
  lang: Lang,
  idempotencyKey: string,
  hash: string | null,
): Promise<Response | undefined> {
  const existing = await findItemByKey(c.env.DB, idempotencyKey);
  if (!existing) return undefined;
  if (hash === null || existing.content_hash !== hash)
    return refuse(c, body, lang, 409, "idempotency-conflict", [
      { field: "send", message: t(lang, "reg.error.idempotencyConflict") },
    ]);
  const dueBy = await dueByOf(c.env.DB, existing.reference);
  const code =
    existing.receipt_code &&
    existing.receipt_until &&
    existing.receipt_until > new Date().toISOString()
      ? ((await openShort(
          c.env.STATUS_PEPPER,
          "receipt-code",
          existing.receipt_code,
          existing.reference,
        )) ?? null)
      : null;
  return accepted(
    c,
    body,
    lang,
    {
      reference: existing.reference,
      officeName: existing.office_name,
      dueBy: dueBy ?? "",
      code,
    },
    false,
  );
}

/** What a browser that sealed on the device sends in clear, checked like the schema would. */
function clearFieldsProblem(lang: Lang, body: ParsedBody): FieldError[] {
  const provinceCode = field(body.fields, "provinceCode");
  const communeCode = field(body.fields, "communeCode");
  const errors: FieldError[] = [];
  if (!unitLookup.provinceExists(provinceCode))
    errors.push({ field: "provinceCode", message: t(lang, "reg.error.provinceCode.required") });
  else if (unitLookup.provinceOfCommune(communeCode) !== provinceCode)
    errors.push({ field: "communeCode", message: t(lang, "reg.error.communeCode.required") });
  if (!(treatmentFormOptions as readonly string[]).includes(field(body.fields, "treatmentForm")))
    errors.push({ field: "treatmentForm", message: t(lang, "reg.error.treatmentForm.required") });
  return errors;
}

/** The envelope must be sealed for this item, to exactly the routed office and the recovery key. */
function addressedRight(
  envelope: ItemEnvelope,
  reference: string,
  communeCode: string,
  route: ItemRoute,
) {
  if (
    envelope.kind !== kind ||
    envelope.reference !== reference ||
    envelope.communeCode !== communeCode ||
    envelope.formVersion !== registrationFormVersion
  )
    return false;
  const want = route.recipients.map((r) => `${r.role}|${r.kid}`).sort();
  const got = envelope.recipients.map((r) => `${r.role}|${r.kid}`).sort();
  return want.length === got.length && want.every((w, i) => w === got[i]);
}

export const registrationsApi = new Hono<AppEnv>().post(
  "/",
  // A sealed registration is larger than its answers (two HPKE seals, base64).
  parseBody(32 * 1024, "form-or-json"),
  rateLimit("registration"),
  async (c) => {
    const body = c.get("body");
    const lang = c.get("lang");
    // A page from before the Mẫu 20/33 field set: refused as a whole, nothing read or written.
    if (field(body.fields, "formVersion") !== formVersion) {
      if (body.kind === "json")
        return c.json({ error: "form-version", message: t(lang, "reg.error.formVersion") }, 409);
      return outdatedForm(c, lang);
    }

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
    const reference = await referenceFor(c.env.STATUS_PEPPER, idempotencyKey);

    // Sealed on the device, or sealed here: what is checked, and what the content hash covers.
    const sealedText = field(body.fields, "envelope");
    let envelope: ItemEnvelope | undefined;
    let plaintext: Uint8Array<ArrayBuffer> | undefined;
    let clear: { provinceCode: string; communeCode: string; treatmentForm: string };
    let hash: string;
    if (sealedText) {
      try {
        envelope = parseEnvelope(JSON.parse(sealedText));
      } catch {
        envelope = undefined;
      }
      const errors = clearFieldsProblem(lang, body);
      if (!envelope) errors.push({ field: "send", message: t(lang, "reg.error.sealed") });
      if (errors.length) return refuse(c, body, lang, 400, "invalid", errors);
      clear = {
        provinceCode: field(body.fields, "provinceCode"),
        communeCode: field(body.fields, "communeCode"),
        treatmentForm: field(body.fields, "treatmentForm"),
      };
      hash = await contentHash(c.env.STATUS_PEPPER, kind, canonicalJson({ clear, envelope }));
    } else {
      const answers = answersFrom(body.fields);
      const result = validateRegistration(schemaNow(), answers);
      if (!result.ok) {
        const errors = localizedErrors(lang, result.issues).map((e) => ({
          ...e,
          target: `change-${rowKeyOf(e.field)}`,
        }));
        return refuse(c, body, lang, 400, "invalid", errors);
      }
      const r = result.data;
      // The one payload definition (site/src/core/schemas/registration/payload.ts), checked before sealing.
      const payload = payloadSchema.parse(
        payloadOf(r, {
          submittedAt: new Date().toISOString(),
          lang,
          communeName: (code) => communeByCode(code)?.name ?? "",
          provinceName: (code) => provinceByCode(code)?.name ?? "",
          flags: journeyFlags(c.env, answers),
        }),
      );
      clear = {
        provinceCode: payload.person.address.provinceCode,
        communeCode: payload.person.address.communeCode,
        treatmentForm: payload.treatmentForm,
      };
      hash = await contentHash(c.env.STATUS_PEPPER, kind, canonicalJson({ lang, answers: r }));
      plaintext = utf8.encode(JSON.stringify(payload));
    }

    const turnstile = provinceSettings(c.env, clear.provinceCode).turnstile;
    // A retry is answered before Turnstile (a token works once) and before anything is written.
    const again = await replay(c, body, lang, idempotencyKey, hash);
    if (again) return again;
    if (
      turnstile.enabled &&
      !(await verifyTurnstile(
        c.env.TURNSTILE_SECRET,
        field(body.fields, "cf-turnstile-response"),
        c.req.header("CF-Connecting-IP") ?? null,
      ))
    ) {
      return refuse(c, body, lang, 403, "turnstile", [
        { field: "send", message: t(lang, "reg.error.turnstile") },
      ]);
    }

    const route = await routeItem(c.env, clear.provinceCode, clear.communeCode);
    if (!route)
      return refuse(c, body, lang, 503, "no-office", [
        {
          field: "communeCode",
          message: t(lang, "reg.error.noOffice"),
          target: "change-communeCode",
        },
      ]);
    if (envelope && !addressedRight(envelope, reference, clear.communeCode, route))
      return refuse(c, body, lang, 400, "not-addressed", [
        { field: "send", message: t(lang, "reg.error.keysChanged") },
      ]);

    const now = new Date();
    const createdAt = now.toISOString();
    const dueBy = dueByFrom(now);
    const code = newSecretCode();
    try {
      envelope ??= await sealItem(
        plaintext!,
        {
          kind,
          reference,
          communeCode: clear.communeCode,
          formVersion: registrationFormVersion,
        },
        route.recipients,
      );
      plaintext?.fill(0);
      const deliveries: PlannedDelivery[] = [
        ...(route.officeEmail
          ? [{ id: crypto.randomUUID(), channel: "email" as const, target: route.officeEmail }]
          : []),
        ...(route.webhookUrl
          ? [{ id: crypto.randomUUID(), channel: "webhook" as const, target: route.webhookUrl }]
          : []),
      ];
      const { maxAgeDays } = kindOf(kind).retention(c.env, clear.provinceCode);
      await c.env.DB.batch(
        insertItemStatements(
          c.env.DB,
          {
            reference,
            kind,
            provinceCode: clear.provinceCode,
            communeCode: clear.communeCode,
            officeId: route.officeId,
            lang,
            formVersion: registrationFormVersion,
            envelope,
            sealedOn: sealedText ? "device" : "worker",
            idempotencyKey,
            contentHash: hash,
            status: "received",
            createdAt,
            retainUntil: new Date(now.getTime() + days(maxAgeDays)).toISOString(),
            secret: {
              codeHmac: await codeHmac(c.env.STATUS_PEPPER, reference, code),
              receiptCode: await sealShort(c.env.STATUS_PEPPER, "receipt-code", code, reference),
              receiptUntil: new Date(now.getTime() + receiptRetryMinutes * 60_000).toISOString(),
            },
          },
          [
            registrationRowStatement(
              c.env.DB,
              reference,
              clearTreatmentForm(clear.treatmentForm),
              dueBy,
            ),
          ],
          deliveries,
        ),
      );
      // Delivery is retried by the queue and swept by the scheduled job: a failure here loses nothing.
      c.executionCtx.waitUntil(
        enqueueDeliveries(
          c.env,
          deliveries.map((d) => d.id),
        ).catch(() => undefined),
      );
    } catch (error) {
      // Two copies of the same submission at once: the other one stored it. Answer as a retry.
      const again = await replay(c, body, lang, idempotencyKey, hash).catch(() => undefined);
      if (again) return again;
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
      {
        reference,
        officeName: route.officeName,
        dueBy,
        code,
        sealedOn: sealedText ? "device" : "worker",
      },
      true,
    );
  },
);
