/**
 * POST /api/registrations/seal: what the check page's island needs to seal the answers on the
 * device when the draft is on the device (the Worker never saw the answers): the reference that
 * goes with the page's idempotency key, and the office the province and commune route to. The
 * office's keys come from the signed directory, never from here. Nothing personal is sent: the
 * province and commune go in clear with the registration anyway.
 */
import { Hono } from "hono";
import type { Env } from "../env.ts";
import { field, readBody, RequestProblem } from "../http/forms.ts";
import { langOr } from "../http/i18n.ts";
import { problemResponse } from "../http/problems.ts";
import { withinLimit } from "../http/client.ts";
import { sealInfo } from "./check-page.ts";
import { unitLookup } from "./units.ts";

export const sealInfoApi = new Hono<{ Bindings: Env }>().post("/", async (c) => {
  let body;
  try {
    body = await readBody(c.req.raw, 1024, { allowJson: true });
  } catch (e) {
    if (e instanceof RequestProblem) return problemResponse(c.req.raw, e, langOr(null), "json");
    throw e;
  }
  if (!(await withinLimit(c.env.FORM_RATE_LIMITER, "registration-seal", c.req.raw)))
    return c.json({ error: "rate-limited" }, 429);
  const key = field(body.fields, "idempotencyKey");
  const province = field(body.fields, "provinceCode");
  const commune = field(body.fields, "communeCode");
  if (!/^[A-Za-z0-9-]{16,64}$/.test(key) || unitLookup.provinceOfCommune(commune) !== province)
    return c.json({ error: "invalid" }, 400);
  const info = await sealInfo(c.env, key, province, commune);
  return info ? c.json(info) : c.json({ error: "no-office" }, 404);
});
