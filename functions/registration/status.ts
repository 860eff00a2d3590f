/**
 * The family's status page: reference + status code, posted (never in the address). Every
 * attempt is counted atomically before the code is checked (functions/items/lookup.ts); after
 * too many wrong codes the lookup is locked for that reference, and the page says how to ask the
 * office instead. "Not found" and "wrong code" read the same; the reference alone shows nothing.
 */
import { Hono, type Context } from "hono";
import type { Env } from "../env.ts";
import { field, readBody, RequestProblem, type ParsedBody } from "../http/forms.ts";
import { langOr, langOfPath, t, type Lang, type StringKey } from "../http/i18n.ts";
import { problemResponse } from "../http/problems.ts";
import { withinLimit } from "../http/client.ts";
import { renderTemplate, type FieldError } from "../render/template.ts";
import { checkSecret, lockHours, maxAttempts } from "../items/lookup.ts";
import {
  formatReference,
  isValidReference,
  normalizeReference,
} from "../../site/src/domain/registration/reference.ts";
import { isSecretCodeShape } from "../../site/src/domain/items/secret-code.ts";
import { communeByCode } from "../../site/src/domain/admin-units/index.ts";
import { formatVietnamDateTime } from "../../site/src/domain/time/vietnam.ts";
import { formatDue } from "./due.ts";
import { acceptsOnline, routeSlots } from "./route.ts";

type AppContext = Context<{ Bindings: Env }>;
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
  const found = await env.DB.prepare(
    `SELECT i.status, i.status_message, i.updated_at, i.commune_code, o.name AS office_name, r.due_by
       FROM items i JOIN offices o ON o.id = i.office_id JOIN registrations r ON r.reference = i.reference
      WHERE i.reference = ?`,
  )
    .bind(reference)
    .first<{
      status: string;
      status_message: string | null;
      updated_at: string;
      commune_code: string;
      office_name: string;
      due_by: string;
    }>();
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
      updatedAt: formatVietnamDateTime(found.updated_at),
      office: found.office_name,
      commune: communeByCode(found.commune_code)?.name ?? found.commune_code,
      decisionDueBy: formatDue(found.due_by),
      provinceCode: communeByCode(found.commune_code)?.provinceCode ?? "",
    },
  };
}

async function handle(c: AppContext, lang: Lang, body: ParsedBody): Promise<Response> {
  const limited = !(await withinLimit(c.env.FORM_RATE_LIMITER, "status", c.req.raw));
  const result: Lookup = limited
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
