/** Adds the security headers to every Worker response that lacks them. */
import type { MiddlewareHandler } from "hono";
import {
  apiContentSecurityPolicy,
  baseSecurityHeaders,
  hsts,
} from "../../site/src/core/security-headers.ts";

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    // Time spent in the Worker (workerd's clock advances across I/O such as D1): Server-Timing
    // lets the benchmark tell the Worker's own time from the local dev server's.
    const started = Date.now();
    await next();
    // Responses from the assets handler are immutable: copy them before setting headers.
    const res = new Response(c.res.body, c.res);
    for (const [name, value] of Object.entries(baseSecurityHeaders)) res.headers.set(name, value);
    if (!res.headers.has("Content-Security-Policy"))
      res.headers.set("Content-Security-Policy", apiContentSecurityPolicy);
    if (new URL(c.req.url).protocol === "https:")
      res.headers.set("Strict-Transport-Security", hsts);
    res.headers.set("Server-Timing", `worker;dur=${Date.now() - started}`);
    c.res = res;
  };
}
