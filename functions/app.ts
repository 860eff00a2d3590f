/**
 * The Worker: static pages are served by the assets handler before this code runs, except on
 * the routes listed in wrangler.toml `run_worker_first`; everything under /api/ is a Hono route.
 */
import { Hono } from "hono";
import type { Env } from "./env.ts";
import { securityHeaders } from "./http/middleware.ts";
import { health } from "./routes/health.ts";
import { feedbackApi, feedbackPage } from "./routes/feedback.ts";
import { registrationsApi } from "./registration/submit.ts";
import { sealInfoApi } from "./registration/seal-info.ts";
import { journey } from "./registration/journey.ts";
import { receipt } from "./registration/receipt.ts";
import { statusApi, statusPage } from "./registration/status.ts";
import { officeApi } from "./office/routes.ts";
import { outbox } from "./office/outbox.ts";
import { trainingPages } from "./training/routes.ts";
import { checkedOverrides, SettingsError } from "./settings.ts";

export function createApp() {
  const app = new Hono<{ Bindings: Env }>();
  app.use("*", securityHeaders());
  // PROVINCE_SETTINGS is checked before anything else: a Worker with invalid settings accepts
  // nothing (and says why in its log) rather than running with settings nobody meant.
  app.use("*", async (c, next) => {
    checkedOverrides(c.env);
    await next();
  });
  app.onError((error, c) => {
    if (error instanceof SettingsError) {
      console.error(JSON.stringify({ event: "settings-invalid", reason: error.message }));
      return c.json({ error: "settings-invalid" }, 503);
    }
    console.error(JSON.stringify({ event: "unhandled", error: error.name }));
    return c.json({ error: "internal" }, 500);
  });
  app.route("/api/health", health);
  app.route("/api/feedback", feedbackApi);
  app.route("/api/registrations/status", statusApi);
  app.route("/api/registrations/seal", sealInfoApi);
  app.route("/api/registrations", registrationsApi);
  app.route("/api/office", officeApi);
  app.route("/", feedbackPage);
  app.route("/", receipt);
  app.route("/", statusPage);
  app.route("/", journey);
  app.route("/", outbox);
  app.route("/", trainingPages);
  // Anything else the Worker sees goes to the static site (its own 404 page included).
  app.all("*", (c) => c.env.ASSETS.fetch(c.req.raw));
  return app;
}

export const app = createApp();
