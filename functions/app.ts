/**
 * The Worker: static pages are served by the assets handler before this code runs, except on
 * the routes listed in wrangler.toml `run_worker_first`; everything under /api/ is a Hono route.
 * Each resource is a folder with its routes and its store (SQL); functions/http/ holds what
 * every route shares: security headers, language, body parsing, rate limits, problem answers.
 */
import { Hono } from "hono";
import type { AppEnv } from "./env.ts";
import { securityHeaders } from "./http/middleware.ts";
import { language } from "./http/i18n.ts";
import { onError } from "./http/problems.ts";
import { health } from "./health/routes.ts";
import { feedbackApi, feedbackPage } from "./feedback/routes.ts";
import { registrationsApi } from "./registration/submit.ts";
import { sealInfoApi } from "./registration/seal-info.ts";
import { journey } from "./registration/journey.ts";
import { receipt } from "./registration/receipt.ts";
import { statusApi, statusPage } from "./registration/status.ts";
import { officeApi } from "./office/routes.ts";
import { outbox } from "./delivery/outbox.ts";
import { trainingPages } from "./training/routes.ts";
import { checkedOverrides } from "./settings.ts";

export const app = new Hono<AppEnv>()
  .use("*", securityHeaders())
  // PROVINCE_SETTINGS is checked before anything else: a Worker with invalid settings accepts
  // nothing (and says why in its log) rather than running with settings nobody meant.
  .use("*", async (c, next) => {
    checkedOverrides(c.env);
    await next();
  })
  .use("*", language())
  .route("/api/health", health)
  .route("/api/feedback", feedbackApi)
  .route("/api/registrations/status", statusApi)
  .route("/api/registrations/seal", sealInfoApi)
  .route("/api/registrations", registrationsApi)
  .route("/api/office", officeApi)
  .route("/", feedbackPage)
  .route("/", receipt)
  .route("/", statusPage)
  .route("/", journey)
  .route("/", outbox)
  .route("/", trainingPages)
  // Anything else the Worker sees goes to the static site (its own 404 page included).
  .all("*", (c) => c.env.ASSETS.fetch(c.req.raw))
  .onError(onError);
