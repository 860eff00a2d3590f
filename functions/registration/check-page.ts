/**
 * The check-your-answers page: every answer read back, a fresh idempotency key (so a double
 * click or a retry creates one registration), the Turnstile check where the province wants it,
 * and what the island needs to seal the answers on the device before they are sent.
 */
import type { Context } from "hono";
import type { Env } from "../env.ts";
import { t, type Lang } from "../http/i18n.ts";
import { lookup } from "../../site/src/i18n/translate.ts";
import { renderTemplate, type FieldError } from "../render/template.ts";
import { displayAnswer } from "./display.ts";
import { hiddenAnswers } from "./answers.ts";
import { steps } from "../../site/src/schemas/registration/fields.ts";
import {
  idLooksInconsistent,
  shapeAnswers,
  type RawAnswers,
} from "../../site/src/schemas/registration/schema.ts";
import { provinceSettings } from "../settings.ts";
import { escapeHtml } from "../render/template.ts";
import { referenceFor } from "../items/secrets.ts";
import { routeItem } from "../items/route.ts";
import { communeByCode, provinceByCode } from "../../site/src/domain/admin-units/index.ts";

const turnstileOrigin = "https://challenges.cloudflare.com";

/** The only third-party request the site may make, and only where a province enables it. */
export function allowTurnstile(csp: string): string {
  return csp
    .replace(/script-src ([^;]*)/, `script-src $1 ${turnstileOrigin}`)
    .replace(/frame-src [^;]*/, `frame-src ${turnstileOrigin}`)
    .replace(/connect-src ([^;]*)/, `connect-src $1 ${turnstileOrigin}`);
}

/** Without JavaScript the check cannot run: say so before the reader presses send, and offer the office. */
function noScriptNotice(lang: Lang): string {
  const notice = lookup(lang, "reg.check.turnstileNoScript");
  return `<noscript><div class="notice notice--warn"><p${notice.lang === lang ? "" : ` lang="${notice.lang}"`}>${escapeHtml(notice.text)}</p></div></noscript>`;
}

export async function renderCheckPage(
  c: Context<{ Bindings: Env }>,
  lang: Lang,
  answers: RawAnswers,
  errors: FieldError[],
): Promise<Response> {
  const slots: Record<string, string> = {};
  for (const step of steps) {
    for (const f of step.fields) {
      for (const name of [f.name, ...(f.detail ? [f.detail.field] : [])]) {
        slots[`answer-${name}`] =
          displayAnswer(lang, name, answers) || t(lang, "reg.check.notProvided");
      }
    }
  }
  const shaped = shapeAnswers(answers);
  const province = String(answers.provinceCode ?? "");
  const commune = String(answers.communeCode ?? "");
  const turnstile = provinceSettings(c.env, province).turnstile;
  // What the page's island needs to seal the answers on the device: the reference that goes with
  // this page's idempotency key, and the office they will be routed to (its keys come from the
  // signed directory, never from here).
  const idempotencyKey = crypto.randomUUID();
  const route = province && commune ? await routeItem(c.env, province, commune) : undefined;
  const seal: Record<string, string> = route
    ? {
        sealReference: await referenceFor(c.env.STATUS_PEPPER, idempotencyKey),
        sealOffice: route.officeId,
        sealCommuneName: communeByCode(commune)?.name ?? "",
        sealProvinceName: provinceByCode(province)?.name ?? "",
      }
    : {};
  return renderTemplate(c.env, c.req.url, `/${lang}/register/check/`, {
    slots,
    errors,
    errorPrefix: t(lang, "form.errorPrefix"),
    flags: {
      child: answers.registrant === "child",
      idWarning: idLooksInconsistent(
        String(shaped.personalId ?? "").replace(/\D/g, ""),
        String(shaped.dateOfBirth ?? ""),
        String(shaped.sex ?? ""),
      ),
    },
    hidden: { ...hiddenAnswers(answers, []), idempotencyKey, ...seal },
    html:
      turnstile.enabled && turnstile.siteKey
        ? {
            turnstile: `${noScriptNotice(lang)}<div class="cf-turnstile" data-sitekey="${escapeHtml(turnstile.siteKey)}" data-language="${lang === "vi" ? "vi" : "en"}"></div><script src="${turnstileOrigin}/turnstile/v0/api.js" async defer></script>`,
          }
        : {},
    csp: turnstile.enabled ? allowTurnstile : undefined,
  });
}
