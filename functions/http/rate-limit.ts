/**
 * Limits per client on the public forms, as middleware after the body is read. Rural mobile
 * users share addresses, so a key is the form, the address, and (where given) what is being
 * submitted. Sets `c.var.rateLimited`; each route answers in its own way (a page with the error,
 * or a problem response).
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.ts";
import { field } from "./body.ts";

export function rateLimit(
  form: "registration" | "status" | "feedback",
  alsoBy?: string,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const parts = [form, c.req.header("CF-Connecting-IP") ?? "local"];
    if (alsoBy) parts.push(field(c.get("body").fields, alsoBy));
    const { success } = await c.env.FORM_RATE_LIMITER.limit({ key: parts.join("|") });
    c.set("rateLimited", !success);
    await next();
  };
}
