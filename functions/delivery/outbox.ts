/**
 * The local outbox: every notification sent, readable at /<lang>/office/outbox/ only when the
 * Worker knows it runs on this machine (development AND a loopback address), never when deployed.
 */
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { escapeHtml, renderTemplate } from "../render/template.ts";
import { isLocal } from "../http/local.ts";
import { formatDateTime } from "../../site/src/core/format/dates.ts";
import { recentNotifications } from "./store.ts";

export const outbox = new Hono<AppEnv>().get("/:lang/office/outbox/", async (c) => {
  if (!isLocal(c.env, c.req.url)) return c.notFound();
  const rows = (await recentNotifications(c.env.DB)).map(
    (n) =>
      `<tr><td>${escapeHtml(formatDateTime(n.sent_at))}</td><td>${escapeHtml(n.to_address)}</td><td><details><summary>${escapeHtml(n.subject)}</summary><pre class="outbox-body">${escapeHtml(n.body)}</pre></details></td></tr>`,
  );
  return renderTemplate(
    c.env,
    c.req.url,
    `/${c.get("lang")}/office/outbox/`,
    rows.length ? { html: { notifications: rows.join("") } } : {},
  );
});
