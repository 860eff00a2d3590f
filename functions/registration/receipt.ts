/**
 * The receipt, at /<lang>/register/receipt/<reference>/. Right after sending, the browser that
 * sent holds a one-time receipt cookie: the page then shows the reference, the status code (once),
 * when, which commune and office, and what comes next, deletes the cookie, and ends the receipt in
 * D1 (a retry of the same submission no longer gets the code either). Any other visit
 * (reload, bookmark, someone who learnt the reference) shows nothing about the registration, and
 * does not even look it up: only how to see the status with the reference and the status code.
 * Both say which case applies where it is known (the commune police contacts the family, or the
 * province accepts Lối Về as its online channel), and print with the status page's address.
 */
import { Hono } from "hono";
import type { Env } from "../env.ts";
import { langOfPath, slotText } from "../http/i18n.ts";
import { acceptsOnline, routeSlots } from "./route.ts";
import { formatDue } from "./due.ts";
import { renderTemplate } from "../render/template.ts";
import { takeReceiptCode } from "../items/receipt-cookie.ts";
import {
  formatReference,
  isValidReference,
  normalizeReference,
} from "../../site/src/domain/registration/reference.ts";
import { formatSecretCode } from "../../site/src/domain/items/secret-code.ts";
import { communeByCode } from "../../site/src/domain/admin-units/index.ts";
import { formatVietnamDateTime } from "../../site/src/domain/time/vietnam.ts";

export const receipt = new Hono<{ Bindings: Env }>().get(
  "/:lang/register/receipt/:reference/",
  async (c) => {
    const lang = langOfPath(new URL(c.req.url).pathname);
    const reference = normalizeReference(c.req.param("reference"));
    const code = isValidReference(reference)
      ? await takeReceiptCode(c, c.env.STATUS_PEPPER, reference)
      : undefined;
    // Shown once, enforced here too: the first display ends the receipt (a copied cookie shows nothing).
    const first = code
      ? await c.env.DB.prepare(
          "UPDATE item_secrets SET receipt_code = NULL, receipt_until = NULL WHERE reference = ? AND receipt_code IS NOT NULL RETURNING reference",
        )
          .bind(reference)
          .first()
      : null;
    const found = first
      ? await c.env.DB.prepare(
          `SELECT i.created_at, i.commune_code, o.name AS office_name, r.due_by, i.sealed_on
             FROM items i JOIN offices o ON o.id = i.office_id JOIN registrations r ON r.reference = i.reference
            WHERE i.reference = ?`,
        )
          .bind(reference)
          .first<{
            created_at: string;
            commune_code: string;
            office_name: string;
            due_by: string;
            sealed_on: string;
          }>()
      : null;
    const slots: Record<string, string> = {
      statusUrl: new URL(`/${lang}/register/status/`, c.req.url).href,
    };
    const slotLangs: Record<string, string> = {};
    const provinceCode = found ? (communeByCode(found.commune_code)?.provinceCode ?? "") : "";
    if (found) {
      Object.assign(slots, {
        reference: formatReference(reference),
        statusCode: formatSecretCode(code!),
        sentAt: formatVietnamDateTime(found.created_at),
        commune: communeByCode(found.commune_code)?.name ?? found.commune_code,
        office: found.office_name,
      });
      slotText(slots, slotLangs, "due", lang, "reg.receipt.next3", {
        date: formatDue(found.due_by),
      });
      routeSlots(c.env, lang, provinceCode, slots, slotLangs);
    }
    const page = await renderTemplate(c.env, c.req.url, `/${lang}/register/receipt/`, {
      flags: {
        details: !!found,
        sealedOnDevice: found?.sealed_on === "device",
        acceptsOnline: found ? acceptsOnline(c.env, provinceCode) : false,
      },
      slots,
      slotLangs,
      headers: { "X-Robots-Tag": "noindex" },
    });
    // The cookie's deletion (set by takeReceiptCode) goes out with the page.
    const headers = new Headers(page.headers);
    for (const cookie of c.res.headers.getSetCookie?.() ?? []) headers.append("Set-Cookie", cookie);
    return new Response(page.body, { status: page.status, headers });
  },
);
