/**
 * The family's status page: reference + status code, posted (never in the address). Every
 * attempt is counted atomically before the code is checked (functions/items/lookup.ts); after
 * too many wrong codes the lookup is locked for that reference, and the page says how to ask the
 * office instead. "Not found" and "wrong code" read the same; the reference alone shows nothing.
 */
import { Hono, type Context } from "hono";
import type { AppEnv, Env } from "../env.ts";
import { field, parseBody } from "../http/body.ts";
import { rateLimit } from "../http/rate-limit.ts";
import { t, type Lang, type StringKey } from "../http/i18n.ts";
import { registrationView } from "./store.ts";
import { renderTemplate, type FieldError } from "../render/template.ts";
import { checkSecret, lockHours, maxAttempts } from "../items/lookup.ts";
import {
  formatReference,
  isValidReference,
  normalizeReference,
} from "../../site/src/core/domain/registration/reference.ts";
import { isSecretCodeShape } from "../../site/src/core/domain/items/secret-code.ts";
import { communeByCode } from "../../site/src/core/domain/admin-units/index.ts";
import { formatDateTime } from "../../site/src/core/format/dates.ts";
import { formatDue } from "../../site/src/core/format/dates.ts";
import { acceptsOnline, routeSlots } from "./route.ts";

type AppContext = Context<AppEnv>;
export { maxAttempts as maxStatusFailures };

export interface StatusView {
  reference: string;
  status: string;
  statusLabel: string;
  message: string | null;
  updatedAt: string;
  office: string;
  commune: string;
  decisionDueBy: string;
  /** For which case applies (not sent to JSON clients). */
  provinceCode: string;
}

type Lookup =
  | { ok: true; view: StatusView }
  | { ok: false; errors: FieldError[]; status: 400 | 404 | 429; error: string };

export async function lookupStatus(
  env: Env,
  lang: Lang,
  referenceInput: string,
  codeInput: string,
  now = new Date(),
): Promise<Lookup> {
  const errors: FieldError[] = [];
  const reference = normalizeReference(referenceInput);
  if (!isValidReference(reference))
    errors.push({ field: "reference", message: t(lang, "reg.status.error.reference") });
  if (!isSecretCodeShape(codeInput))
    errors.push({ field: "statusCode", message: t(lang, "reg.status.error.code") });
  if (errors.length) return { ok: false, errors, status: 400, error: "invalid" };

  const checked = await checkSecret(env, reference, codeInput, now);
  if (!checked.ok)
    return checked.reason === "locked"
      ? {
          ok: false,
          errors: [
            {
              field: "reference",
              message: t(lang, "reg.status.error.locked", {
                hours: lockHours,
                attempts: maxAttempts,
              }),
            },
          ],
          status: 429,
          error: "locked",
        }
      : {
          ok: false,
          errors: [{ field: "reference", message: t(lang, "reg.status.error.mismatch") }],
          status: 404,
          error: "not-found-or-wrong-code",
        };
  const found = await registrationView(env.DB, reference);
  if (!found)
    return {
      ok: false,
      errors: [{ field: "reference", message: t(lang, "reg.status.error.mismatch") }],
      status: 404,
      error: "not-found-or-wrong-code",
    };
  return {
    ok: true,
    view: {
      reference: formatReference(reference),
      status: found.status,
      statusLabel: t(lang, `reg.status.value.${found.status}` as StringKey),
      message: found.status_message,
      updatedAt: formatDateTime(found.updated_at),
      office: found.office_name,
      commune: communeByCode(found.commune_code)?.name ?? found.commune_code,
      decisionDueBy: formatDue(found.due_by),
      provinceCode: communeByCode(found.commune_code)?.provinceCode ?? "",
    },
  };
}

async function handle(c: AppContext): Promise<Response> {
  const lang = c.get("lang");
  const body = c.get("body");
  const result: Lookup = c.get("rateLimited")
    ? {
        ok: false,
        errors: [{ field: "reference", message: t(lang, "request.error.rate-limited") }],
        status: 429,
        error: "rate-limited",
      }
    : await lookupStatus(
        c.env,
        lang,
        field(body.fields, "reference"),
        field(body.fields, "statusCode"),
      );
  if (body.kind === "json") {
    return result.ok
      ? c.json({ ...result.view, provinceCode: undefined })
      : c.json(
          {
            error: result.error,
            fields: result.errors.map(({ field: f, message }) => ({ field: f, message })),
          },
          result.status,
        );
  }
  if (!result.ok) {
    return renderTemplate(c.env, c.req.url, `/${lang}/register/status/`, {
      flags: { result: false, acceptsOnline: false },
      // The code is never written back into the page.
      values: { reference: field(body.fields, "reference") },
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
      commune: v.commune,
      due: v.decisionDueBy,
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
