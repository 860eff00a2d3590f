/**
 * The receipt, at /<lang>/register/receipt/<reference>/: still works when bookmarked. It shows
 * only what the reference alone may show: when, which commune and office, which channel applies
 * (the commune police contacts the family, or the province accepts Lối Về as its online channel),
 * the 24-hour decision time, and the status page's address (printed with the receipt).
 */
import { Hono } from "hono";
import type { Env } from "../env.ts";
import { langOfPath, slotText } from "../http/i18n.ts";
import { acceptsOnline, routeSlots } from "./route.ts";
import { formatDue } from "./due.ts";
import { renderTemplate } from "../render/template.ts";
import { findByReference } from "./store.ts";
import {
  formatReference,
  isValidReference,
  normalizeReference,
} from "../../site/src/domain/registration/reference.ts";
import { communeByCode } from "../../site/src/domain/admin-units/index.ts";
import { formatVietnamDateTime } from "../../site/src/domain/time/vietnam.ts";

export const receipt = new Hono<{ Bindings: Env }>().get(
  "/:lang/register/receipt/:reference/",
  async (c) => {
    const lang = langOfPath(new URL(c.req.url).pathname);
    const reference = normalizeReference(c.req.param("reference"));
    const found = isValidReference(reference) ? await findByReference(c.env.DB, reference) : null;
    if (!found) {
      const page = await c.env.ASSETS.fetch(new Request(new URL(`/${lang}/404.html`, c.req.url)));
      return new Response(page.body, { status: 404, headers: page.headers });
    }
    const slots: Record<string, string> = {
      reference: formatReference(found.reference),
      sentAt: formatVietnamDateTime(found.submitted_at),
      commune: communeByCode(found.commune_code)?.name ?? found.commune_code,
      office: found.office_name,
      statusUrl: new URL(`/${lang}/register/status/`, c.req.url).href,
    };
    const slotLangs: Record<string, string> = {};
    slotText(slots, slotLangs, "due", lang, "reg.receipt.next3", { date: formatDue(found.due_by) });
    routeSlots(c.env, lang, found.province_code, slots, slotLangs);
    return renderTemplate(c.env, c.req.url, `/${lang}/register/receipt/`, {
      slots,
      slotLangs,
      flags: { acceptsOnline: acceptsOnline(c.env, found.province_code) },
      headers: { "X-Robots-Tag": "noindex" },
    });
  },
);
