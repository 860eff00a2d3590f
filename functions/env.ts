/** The Worker's bindings and settings, in one place (see wrangler.toml), and what middleware sets. */
import type { DeliveryMessage } from "./delivery/enqueue.ts";
import type { ParsedBody } from "./http/body.ts";
import type { Lang } from "./http/i18n.ts";

export interface Env {
  ASSETS: Fetcher;
  DB: D1Database;
  DELIVERY_QUEUE: Queue<DeliveryMessage>;
  FORM_RATE_LIMITER: RateLimit;
  EMAIL?: SendEmail;
  /** "development" locally, "production" when deployed (see wrangler.toml [env.production]). */
  ENVIRONMENT: string;
  /** The public address of the site, for links in notifications. */
  SITE_URL: string;
  /** Sender address of office notifications. */
  NOTIFY_FROM: string;
  /** Secret: keys the HMAC of the status page's second factor. */
  STATUS_PEPPER?: string;
  /** Secret (32+ characters): seals the registration draft kept in a cookie without JavaScript. */
  DRAFT_KEY?: string;
  /** Secret: Cloudflare Turnstile, for provinces that enable it. */
  TURNSTILE_SECRET?: string;
  /** Optional JSON laid over site/content/settings/provinces.json (see functions/settings.ts). */
  PROVINCE_SETTINGS?: string;
  /** Secret: signs webhook deliveries (HMAC-SHA-256). */
  WEBHOOK_SECRET?: string;
  /** Secret: signs training certificates (a private EC P-256 JWK; README, "Deploy"). */
  CERT_SIGNING_KEY?: string;
}

/** What the middleware in functions/http/ leaves for the handlers. */
export interface AppVariables {
  /** The reader's language: from the path on pages, from the body's `lang` on the API. */
  lang: Lang;
  /** The request body, read within its size limit (routes that accept one). */
  body: ParsedBody;
  /** Whether this client has sent this form too often (routes with a rate limit). */
  rateLimited: boolean;
}

export type AppEnv = { Bindings: Env; Variables: AppVariables };
