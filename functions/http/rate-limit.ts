/**
 * Limits per client, as middleware. Keys are built only from what an attacker cannot choose
 * freely: the client's address as Cloudflare saw it, with an IPv6 address cut to its /64 (one
 * subscriber's whole prefix; anyone with IPv6 can use billions of addresses inside it). Never a
 * commune code, a reference or any other value the request itself carries. Sets
 * `c.var.rateLimited`; each route answers in its own way (a page with the error, or a problem).
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.ts";

export function clientAddressKey(request: Request): string {
  const ip = request.headers.get("CF-Connecting-IP")?.trim() ?? "";
  if (!ip) return "local";
  if (!ip.includes(":")) return ip;
  const [head] = ip.split("%");
  const parts = head!.split("::");
  const left = parts[0] ? parts[0].split(":") : [];
  const right = parts[1] ? parts[1].split(":") : [];
  const groups =
    parts.length === 2
      ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right]
      : left;
  return `${groups
    .slice(0, 4)
    .map((g) => (g || "0").toLowerCase().replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

export function rateLimit(
  purpose:
    | "registration"
    | "registration-seal"
    | "status"
    | "feedback"
    | "sign-in"
    | "enrol"
    | "certificate",
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = `${purpose}|${clientAddressKey(c.req.raw)}`;
    c.set("rateLimited", !(await c.env.FORM_RATE_LIMITER.limit({ key })).success);
    await next();
  };
}
