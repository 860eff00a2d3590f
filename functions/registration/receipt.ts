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
import type { AppEnv } from "../env.ts";
import { slotText } from "../http/i18n.ts";
import { acceptsOnline, routeSlots } from "./route.ts";
import { formatDue } from "../../site/src/core/format/dates.ts";
import { renderTemplate } from "../render/template.ts";
import { takeReceiptCode } from "../items/receipt-cookie.ts";
import { endReceipt } from "../items/store.ts";
import { registrationView } from "./store.ts";
import {
  formatReference,
  isValidReference,
  normalizeReference,
} from "../../site/src/core/domain/registration/reference.ts";
import { formatSecretCode } from "../../site/src/core/domain/items/secret-code.ts";
import { communeByCode } from "../../site/src/core/domain/admin-units/index.ts";
import { formatDateTime } from "../../site/src/core/format/dates.ts";

export const receipt = new Hono<AppEnv>().get("/:lang/register/receipt/:reference/", async (c) => {
  const lang = c.get("lang");
  const reference = normalizeReference(c.req.param("reference"));
  const code = isValidReference(reference)
    ? await takeReceiptCode(c, c.env.STATUS_PEPPER, reference)
    : undefined;
  // Shown once, enforced here too: the first display ends the receipt (a copied cookie shows nothing).
  const first = code ? await endReceipt(c.env.DB, reference) : false;
  const found = first ? await registrationView(c.env.DB, reference) : null;
  const slots: Record<string, string> = {
    statusUrl: new URL(`/${lang}/register/status/`, c.req.url).href,
  };
  const slotLangs: Record<string, string> = {};
  const provinceCode = found ? (communeByCode(found.commune_code)?.provinceCode ?? "") : "";
  if (found) {
    Object.assign(slots, {
      reference: formatReference(reference),
      statusCode: formatSecretCode(code!),
      sentAt: formatDateTime(found.created_at),
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
});
