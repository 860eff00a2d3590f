/**
 * "Report a mistake". GET /<lang>/report/ is the static form with the page pre-filled;
 * POST /api/feedback stores the report (no personal data is asked for) and answers with the
 * thank-you page, or the form again with its errors. JSON clients get JSON.
 */
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { field, parseBody, RequestProblem } from "../http/body.ts";
import { rateLimit } from "../http/rate-limit.ts";
import { t, type StringKey } from "../http/i18n.ts";
import { renderTemplate, type FieldError } from "../render/template.ts";
import { feedbackSchema } from "../../site/src/core/schemas/feedback.ts";
import { insertFeedback } from "./store.ts";

export const feedbackPage = new Hono<AppEnv>().get("/:lang/report/", async (c) => {
  const page =
    c.req.query("page") ?? (c.req.query("listing") ? `listing: ${c.req.query("listing")}` : "");
  return renderTemplate(c.env, c.req.url, `/${c.get("lang")}/report/`, {
    values: { page: page.slice(0, 300) },
  });
});

export const feedbackApi = new Hono<AppEnv>().post(
  "/",
  parseBody(8 * 1024, "form-or-json"),
  rateLimit("feedback"),
  async (c) => {
    const { kind, fields } = c.get("body");
    const lang = c.get("lang");
    if (c.get("rateLimited")) throw new RequestProblem(429, "rate-limited");
    const again = (errors: FieldError[]) =>
      renderTemplate(c.env, c.req.url, `/${lang}/report/`, {
        values: fields,
        errors,
        errorPrefix: t(lang, "form.errorPrefix"),
      });

    if (field(fields, "website") !== "") {
      if (kind === "json") return c.json({ error: "honeypot" }, 400);
      return again([{ field: "website", message: t(lang, "form.error.honeypot") }]);
    }
    const parsed = feedbackSchema.safeParse({
      page: field(fields, "page"),
      message: field(fields, "message"),
    });
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({
        field: String(i.path[0]),
        message: t(lang, i.message as StringKey),
      }));
      if (kind === "json") return c.json({ error: "invalid", fields: errors }, 400);
      return again(errors);
    }
    await insertFeedback(c.env.DB, { ...parsed.data, lang });
    if (kind === "json") return c.json({ ok: true }, 201);
    return renderTemplate(c.env, c.req.url, `/${lang}/report/thanks/`, { status: 200 });
  },
);
