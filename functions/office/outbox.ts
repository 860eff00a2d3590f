/**
 * The local outbox: every notification sent, readable at /<lang>/office/outbox/ only when the
 * Worker knows it runs on this machine (development AND a loopback address), never when deployed.
 */
import { Hono } from "hono";
import type { Env } from "../env.ts";
import { langOfPath } from "../http/i18n.ts";
import { escapeHtml, renderTemplate } from "../render/template.ts";
import { isLocal } from "../http/local.ts";
import { formatVietnamDateTime } from "../../site/src/domain/time/vietnam.ts";

export const outbox = new Hono<{ Bindings: Env }>().get("/:lang/office/outbox/", async (c) => {
  if (!isLocal(c.env, c.req.url)) return c.notFound();
  const { results } = await c.env.DB.prepare(
    "SELECT to_address, subject, body, sent_at FROM notifications ORDER BY id DESC LIMIT 200",
  ).all<{ to_address: string; subject: string; body: string; sent_at: string }>();
  const rows = results.map(
    (n) =>
      `<tr><td>${escapeHtml(formatVietnamDateTime(n.sent_at))}</td><td>${escapeHtml(n.to_address)}</td><td><details><summary>${escapeHtml(n.subject)}</summary><pre class="outbox-body">${escapeHtml(n.body)}</pre></details></td></tr>`,
  );
  return renderTemplate(
    c.env,
    c.req.url,
    `/${langOfPath(new URL(c.req.url).pathname)}/office/outbox/`,
    rows.length ? { html: { notifications: rows.join("") } } : {},
  );
});
