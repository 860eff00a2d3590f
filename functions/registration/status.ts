/**
 * The family's status page: reference + date of birth, posted (never in the address). Wrong
 * answers are counted per registration; after 10 the lookup locks for an hour, so the second
 * factor cannot be guessed. "Not found" and "wrong date" read the same.
 */
import { Hono, type Context } from "hono";
import type { AppEnv, Env } from "../env.ts";
import { field, parseBody, type ParsedBody } from "../http/body.ts";
import { rateLimit } from "../http/rate-limit.ts";
import { t, type Lang, type StringKey } from "../http/i18n.ts";
import { renderTemplate, type FieldError } from "../render/template.ts";
import { clearStatusFailures, findByReference, recordStatusFailure } from "./store.ts";
import { sameSecret, statusCheck } from "./secrets.ts";
import {
  formatReference,
  isValidReference,
  normalizeReference,
} from "../../site/src/core/domain/registration/reference.ts";
import { isoFromParts } from "../../site/src/core/domain/time/vietnam.ts";
import { formatDateTime } from "../../site/src/core/format/dates.ts";

type AppContext = Context<AppEnv>;
export const maxStatusFailures = 10;
const lockMinutes = 60;

export interface StatusView {
  reference: string;
  status: string;
  statusLabel: string;
  message: string | null;
  updatedAt: string;
  office: string;
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
    await recordStatusFailure(
      env.DB,
      found.reference,
      locked ? 0 : failures,
      locked
        ? new Date(now.getTime() + lockMinutes * 60_000).toISOString()
        : found.status_locked_until,
    );
    return mismatch;
  }
  if (found.status_failures > 0) await clearStatusFailures(env.DB, found.reference);
  return {
    ok: true,
    view: {
      reference: formatReference(found.reference),
      status: found.status,
      statusLabel: t(lang, `reg.status.value.${found.status}` as StringKey),
      message: found.status_message,
      updatedAt: formatDateTime(found.updated_at),
      office: found.office_name,
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

async function handle(c: AppContext): Promise<Response> {
  const lang = c.get("lang");
  const body = c.get("body");
  const result: Lookup = c.get("rateLimited")
    ? {
        ok: false,
        errors: [{ field: "reference", message: t(lang, "request.error.rate-limited") }],
        status: 429,
      }
    : await lookupStatus(c.env, lang, field(body.fields, "reference"), dateFrom(body.fields));
  if (body.kind === "json") {
    return result.ok
      ? c.json(result.view)
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
      values,
      errors: result.errors,
      errorPrefix: t(lang, "form.errorPrefix"),
      status: result.status,
    });
  }
  const v = result.view;
  return renderTemplate(c.env, c.req.url, `/${lang}/register/status/`, {
    flags: { result: true },
    slots: {
      resultTitle: t(lang, "reg.status.resultTitle", { reference: v.reference }),
      status: v.statusLabel,
      updated: v.updatedAt,
      office: v.office,
      message: v.message ?? t(lang, "reg.status.noMessage"),
    },
  });
}

export const statusPage = new Hono<AppEnv>().post(
  "/:lang/register/status/",
  parseBody(4 * 1024, "form"),
  rateLimit("status"),
  handle,
);

export const statusApi = new Hono<AppEnv>().post(
  "/",
  parseBody(4 * 1024, "form-or-json"),
  rateLimit("status"),
  handle,
);
