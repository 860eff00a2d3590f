/**
 * The receipt, at /<lang>/register/receipt/<reference>/: still works when bookmarked. It shows
 * only what the reference alone may show: when, which commune and office, and what comes next.
 */
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { t } from "../http/i18n.ts";
import { renderTemplate } from "../render/template.ts";
import { findByReference } from "./store.ts";
import {
  formatReference,
  isValidReference,
  normalizeReference,
} from "../../site/src/core/domain/registration/reference.ts";
import { communeByCode } from "../../site/src/core/domain/admin-units/index.ts";
import { formatDate, formatDateTime } from "../../site/src/core/format/dates.ts";

export const receipt = new Hono<AppEnv>().get("/:lang/register/receipt/:reference/", async (c) => {
  const lang = c.get("lang");
  const reference = normalizeReference(c.req.param("reference"));
  const found = isValidReference(reference) ? await findByReference(c.env.DB, reference) : null;
  if (!found) {
    const page = await c.env.ASSETS.fetch(new Request(new URL(`/${lang}/404.html`, c.req.url)));
    return new Response(page.body, { status: 404, headers: page.headers });
  }
  return renderTemplate(c.env, c.req.url, `/${lang}/register/receipt/`, {
    slots: {
      reference: formatReference(found.reference),
      sentAt: formatDateTime(found.submitted_at),
      commune: communeByCode(found.commune_code)?.name ?? found.commune_code,
      office: found.office_name,
      due: t(lang, "reg.receipt.next3", { date: formatDate(found.due_by) }),
    },
    headers: { "X-Robots-Tag": "noindex" },
  });
});
