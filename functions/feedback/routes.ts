/**
 * "Report a mistake". GET /<lang>/report/ is the static form with the page pre-filled;
 * POST /api/feedback stores the report (no personal data is asked for) and answers with the
 * thank-you page, or the form again with its errors. JSON clients get JSON.
 */
import { Hono } from "hono";
import type { Env } from "../env.ts";
import { field, readBody, RequestProblem } from "../http/body.ts";
import { langOfPath, langOr, t, type StringKey } from "../http/i18n.ts";
import { renderTemplate, type FieldError } from "../render/template.ts";
import { feedbackSchema } from "../../site/src/core/schemas/feedback.ts";
import { problemResponse } from "../http/problems.ts";

const bodyLimit = 8 * 1024;

export const feedbackPage = new Hono<{ Bindings: Env }>().get("/:lang/report/", async (c) => {
  const lang = langOfPath(new URL(c.req.url).pathname);
  const page =
    c.req.query("page") ?? (c.req.query("listing") ? `listing: ${c.req.query("listing")}` : "");
  return renderTemplate(c.env, c.req.url, `/${lang}/report/`, {
    values: { page: page.slice(0, 300) },
  });
});

export const feedbackApi = new Hono<{ Bindings: Env }>().post("/", async (c) => {
  let body;
  try {
    body = await readBody(c.req.raw, bodyLimit, { allowJson: true });
  } catch (e) {
    if (e instanceof RequestProblem) return problemResponse(c.req.raw, e, langOr(null));
    throw e;
  }
  const lang = langOr(field(body.fields, "lang"));
  const limit = await c.env.FORM_RATE_LIMITER.limit({
    key: `feedback|${c.req.header("CF-Connecting-IP") ?? "local"}`,
  });
  if (!limit.success)
    return problemResponse(
      c.req.raw,
      new RequestProblem(429 as never, "rate-limited"),
      lang,
      body.kind,
    );

  if (field(body.fields, "website") !== "") {
    const errors: FieldError[] = [{ field: "website", message: t(lang, "form.error.honeypot") }];
    return body.kind === "json"
      ? c.json({ error: "honeypot" }, 400)
      : renderTemplate(c.env, c.req.url, `/${lang}/report/`, {
          values: body.fields,
          errors,
          errorPrefix: t(lang, "form.errorPrefix"),
        });
  }
  const parsed = feedbackSchema.safeParse({
    page: field(body.fields, "page"),
    message: field(body.fields, "message"),
  });
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({
      field: String(i.path[0]),
      message: t(lang, i.message as StringKey),
    }));
    if (body.kind === "json") return c.json({ error: "invalid", fields: errors }, 400);
    return renderTemplate(c.env, c.req.url, `/${lang}/report/`, {
      values: body.fields,
      errors,
      errorPrefix: t(lang, "form.errorPrefix"),
    });
  }
  await c.env.DB.prepare("INSERT INTO feedback (page, message, lang) VALUES (?, ?, ?)")
    .bind(parsed.data.page, parsed.data.message, lang)
    .run();
  if (body.kind === "json") return c.json({ ok: true }, 201);
  return renderTemplate(c.env, c.req.url, `/${lang}/report/thanks/`, { status: 200 });
});
