/**
 * The family's status page: reference + date of birth, posted (never in the address). Wrong
 * answers are counted per registration; after 10 the lookup locks for an hour, so the second
 * factor cannot be guessed. "Not found" and "wrong date" read the same.
 */
import { Hono, type Context } from "hono";
import type { Env } from "../env.ts";
import { field, readBody, RequestProblem, type ParsedBody } from "../http/forms.ts";
import { langOr, langOfPath, t, type Lang, type StringKey } from "../http/i18n.ts";
import { problemResponse } from "../http/problems.ts";
import { renderTemplate, type FieldError } from "../render/template.ts";
import { findByReference } from "./store.ts";
import { acceptsOnline, routeSlots } from "./route.ts";
import { sameSecret, statusCheck } from "./secrets.ts";
import {
  formatReference,
  isValidReference,
  normalizeReference,
} from "../../site/src/domain/registration/reference.ts";
import { formatVietnamDateTime, isoFromParts } from "../../site/src/domain/time/vietnam.ts";

type AppContext = Context<{ Bindings: Env }>;
export const maxStatusFailures = 10;
const lockMinutes = 60;

export interface StatusView {
  reference: string;
  status: string;
  statusLabel: string;
  message: string | null;
  updatedAt: string;
  office: string;
  provinceCode: string;
}

type Lookup =
  { ok: true; view: StatusView } | { ok: false; errors: FieldError[]; status: 400 | 404 | 429 };

export async function lookupStatus(
  env: Env,
  lang: Lang,
  referenceInput: string,
  dateOfBirth: string | undefined,
  now = new Date(),
): Promise<Lookup> {
  const errors: FieldError[] = [];
  const reference = normalizeReference(referenceInput);
  if (!isValidReference(reference))
    errors.push({ field: "reference", message: t(lang, "reg.status.error.reference") });
  if (!dateOfBirth)
    errors.push({
      field: "dateOfBirth",
      message: t(lang, "reg.error.dateOfBirth.invalid"),
      target: "dateOfBirth-day",
    });
  if (errors.length) return { ok: false, errors, status: 400 };

  const mismatch: Lookup = {
    ok: false,
    errors: [{ field: "reference", message: t(lang, "reg.status.error.mismatch") }],
    status: 404,
  };
  const found = await findByReference(env.DB, reference);
  if (!found) return mismatch;
  if (found.status_locked_until && found.status_locked_until > now.toISOString()) {
    return {
      ok: false,
      errors: [{ field: "reference", message: t(lang, "reg.status.error.locked") }],
      status: 429,
    };
  }
  const expected = await statusCheck(env.STATUS_PEPPER, found.reference, dateOfBirth!);
  if (!sameSecret(expected, found.status_check)) {
    const failures = found.status_failures + 1;
    const locked = failures >= maxStatusFailures;
    await env.DB.prepare(
      "UPDATE registrations SET status_failures = ?, status_locked_until = ? WHERE reference = ?",
    )
      .bind(
        locked ? 0 : failures,
        locked
          ? new Date(now.getTime() + lockMinutes * 60_000).toISOString()
          : found.status_locked_until,
        found.reference,
      )
      .run();
    return mismatch;
  }
  if (found.status_failures > 0)
    await env.DB.prepare("UPDATE registrations SET status_failures = 0 WHERE reference = ?")
      .bind(found.reference)
      .run();
  return {
    ok: true,
    view: {
      reference: formatReference(found.reference),
      status: found.status,
      statusLabel: t(lang, `reg.status.value.${found.status}` as StringKey),
      message: found.status_message,
      updatedAt: formatVietnamDateTime(found.updated_at),
      office: found.office_name,
      provinceCode: found.province_code,
    },
  };
}

function dateFrom(fields: ParsedBody["fields"]): string | undefined {
  const direct = field(fields, "dateOfBirth");
  if (/^\d{4}-\d{2}-\d{2}$/.test(direct)) return direct;
  return isoFromParts(
    field(fields, "dateOfBirth-day").trim(),
    field(fields, "dateOfBirth-month").trim(),
    field(fields, "dateOfBirth-year").trim(),
  );
}

async function handle(c: AppContext, lang: Lang, body: ParsedBody): Promise<Response> {
  const limited = !(
    await c.env.FORM_RATE_LIMITER.limit({
      key: `status|${c.req.header("CF-Connecting-IP") ?? "local"}`,
    })
  ).success;
  const result: Lookup = limited
    ? {
        ok: false,
        errors: [{ field: "reference", message: t(lang, "request.error.rate-limited") }],
        status: 429,
      }
    : await lookupStatus(c.env, lang, field(body.fields, "reference"), dateFrom(body.fields));
  if (body.kind === "json") {
    return result.ok
      ? c.json({ ...result.view, provinceCode: undefined })
      : c.json(
          {
            error: "not-found-or-invalid",
            fields: result.errors.map(({ field: f, message }) => ({ field: f, message })),
          },
          result.status,
        );
  }
  if (!result.ok) {
    const values = {
      reference: field(body.fields, "reference"),
      ...Object.fromEntries(
        ["day", "month", "year"].map((p) => [
          `dateOfBirth-${p}`,
          field(body.fields, `dateOfBirth-${p}`),
        ]),
      ),
    };
    return renderTemplate(c.env, c.req.url, `/${lang}/register/status/`, {
      flags: { result: false, acceptsOnline: false },
      values,
      errors: result.errors,
      errorPrefix: t(lang, "form.errorPrefix"),
      status: result.status,
    });
  }
  const v = result.view;
  const routeText: Record<string, string> = {};
  const slotLangs: Record<string, string> = {};
  routeSlots(c.env, lang, v.provinceCode, routeText, slotLangs);
  return renderTemplate(c.env, c.req.url, `/${lang}/register/status/`, {
    flags: { result: true, acceptsOnline: acceptsOnline(c.env, v.provinceCode) },
    slotLangs,
    slots: {
      ...routeText,
      resultTitle: t(lang, "reg.status.resultTitle", { reference: v.reference }),
      status: v.statusLabel,
      updated: v.updatedAt,
      office: v.office,
      message: v.message ?? t(lang, "reg.status.noMessage"),
    },
  });
}

async function parse(
  c: AppContext,
  lang: Lang,
  allowJson: boolean,
): Promise<ParsedBody | Response> {
  try {
    return await readBody(c.req.raw, 4 * 1024, { allowJson });
  } catch (e) {
    if (e instanceof RequestProblem) return problemResponse(c.req.raw, e, lang);
    throw e;
  }
}

export const statusPage = new Hono<{ Bindings: Env }>().post(
  "/:lang/register/status/",
  async (c) => {
    const lang = langOfPath(new URL(c.req.url).pathname);
    const body = await parse(c, lang, false);
    return body instanceof Response ? body : handle(c, lang, body);
  },
);

export const statusApi = new Hono<{ Bindings: Env }>().post("/", async (c) => {
  const body = await parse(c, langOr(null), true);
  if (body instanceof Response) return body;
  return handle(c, langOr(field(body.fields, "lang")), body);
});
