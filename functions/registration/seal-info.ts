/**
 * POST /api/registrations/seal: what the check page's island needs to seal the answers on the
 * device when the draft is on the device (the Worker never saw the answers): the reference that
 * goes with the page's idempotency key, and the office the province and commune route to. The
 * office's keys come from the signed directory, never from here. Nothing personal is sent: the
 * province and commune go in clear with the registration anyway.
 */
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { field, parseBody } from "../http/body.ts";
import { rateLimit } from "../http/rate-limit.ts";
import { sealInfo } from "./check-page.ts";
import { unitLookup } from "./units.ts";

export const sealInfoApi = new Hono<AppEnv>().post(
  "/",
  parseBody(1024, "form-or-json"),
  rateLimit("registration-seal"),
  async (c) => {
    if (c.get("rateLimited")) return c.json({ error: "rate-limited" }, 429);
    const { fields } = c.get("body");
    const key = field(fields, "idempotencyKey");
    const province = field(fields, "provinceCode");
    const commune = field(fields, "communeCode");
    if (!/^[A-Za-z0-9-]{16,64}$/.test(key) || unitLookup.provinceOfCommune(commune) !== province)
      return c.json({ error: "invalid" }, 400);
    const info = await sealInfo(c.env, key, province, commune);
    return info ? c.json(info) : c.json({ error: "no-office" }, 404);
  },
);
