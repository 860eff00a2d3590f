/**
 * Clear answers to requests the Worker refuses before looking at their content (wrong origin,
 * wrong type, too large, malformed, too many): a localized page for browsers, JSON otherwise.
 * Routes throw a RequestProblem; the app's error handler answers it.
 */
import type { ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../env.ts";
import { RequestProblem } from "./body.ts";
import { langOr, t, type Lang, type StringKey } from "./i18n.ts";
import { escapeHtml } from "../render/template.ts";
import { SettingsError } from "../settings.ts";

function problemResponse(request: Request, problem: RequestProblem, lang: Lang): Response {
  const status = problem.status as number;
  const wantsJson =
    (request.headers.get("Accept") ?? "").includes("application/json") ||
    (request.headers.get("Content-Type") ?? "").includes("application/json");
  const message = t(lang, `request.error.${problem.code}` as StringKey);
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (status === 429) headers["Retry-After"] = "60";
  if (wantsJson) return Response.json({ error: problem.code, message }, { status, headers });
  // A minimal page of its own: it must not depend on anything that might have failed.
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(t(lang, "request.error.title"))}</title></head><body><main><h1>${escapeHtml(t(lang, "request.error.title"))}</h1><p>${escapeHtml(message)}</p><p><a href="/${lang}/">${escapeHtml(t(lang, "nav.home"))}</a></p></main></body></html>`;
  return new Response(html, {
    status,
    headers: { ...headers, "Content-Type": "text/html; charset=utf-8" },
  });
}

/**
 * `app.onError`: refused requests get their clear answer; invalid province settings stop the
 * Worker with a 503; anything else is a 500 whose log names only the kind of error.
 */
export const onError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof RequestProblem)
    return problemResponse(c.req.raw, error, langOr(c.get("lang")));
  if (error instanceof HTTPException) return error.getResponse();
  if (error instanceof SettingsError) {
    console.error(JSON.stringify({ event: "settings-invalid", reason: error.message }));
    return c.json({ error: "settings-invalid" }, 503);
  }
  console.error(JSON.stringify({ event: "unhandled", error: error.name }));
  return c.json({ error: "internal" }, 500);
};
