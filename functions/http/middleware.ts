/** Adds the security headers to every Worker response that lacks them. */
import type { MiddlewareHandler } from "hono";
import {
  apiContentSecurityPolicy,
  baseSecurityHeaders,
  hsts,
} from "../../site/src/core/security-headers.ts";
import { isLocal } from "./local.ts";

/** The API and the office pages: never stored by a cache (pages the Worker fills say so themselves). */
const private_ = /^\/(api\/|[a-z]{2,3}\/office\/)/;

export function securityHeaders(): MiddlewareHandler<{ Bindings: { ENVIRONMENT?: string } }> {
  return async (c, next) => {
    // Time spent in the Worker (workerd's clock advances across I/O such as D1): Server-Timing
    // lets the benchmark tell the Worker's own time from the local dev server's. Local only: in
    // production it would tell anyone how long each request took inside (a timing side channel).
    const started = Date.now();
    await next();
    // Responses from the assets handler are immutable: copy them before setting headers.
    const res = new Response(c.res.body, c.res);
    for (const [name, value] of Object.entries(baseSecurityHeaders)) res.headers.set(name, value);
    if (!res.headers.has("Content-Security-Policy"))
      res.headers.set("Content-Security-Policy", apiContentSecurityPolicy);
    const url = new URL(c.req.url);
    if (url.protocol === "https:") res.headers.set("Strict-Transport-Security", hsts);
    if (private_.test(url.pathname)) res.headers.set("Cache-Control", "no-store");
    if (isLocal(c.env, c.req.url))
      res.headers.set("Server-Timing", `worker;dur=${Date.now() - started}`);
    else res.headers.delete("Server-Timing");
    // Hono lays the previous response's headers over a new one: clear it first, so these win.
    c.res = undefined;
    c.res = res;
  };
}
