/**
 * The check-your-answers page without JavaScript: every answer of the draft read back, the
 * warnings the family should see (the officer sees them too), which channel this is, the answers
 * as hidden fields of the send form, an idempotency key kept in the draft (so a retried send makes
 * one registration), the Turnstile check where the province wants it, and what the island needs
 * to seal the answers on the device before they are sent (sealInfo).
 */
import type { Context } from "hono";
import type { AppEnv, Env } from "../env.ts";
import { slotText, t, type Lang, type StringKey } from "../http/i18n.ts";
import { lookup } from "../../site/src/core/i18n/translate.ts";
import { renderTemplate, escapeHtml, type FieldError } from "../render/template.ts";
import { draftCookies, sealDraft, type Draft } from "./draft.ts";
import { journeyFlags, routeSlots } from "./route.ts";
import { allFields, fieldByName, steps } from "../../site/src/core/schemas/registration/fields.ts";
import { list, one, type RawAnswers } from "../../site/src/core/schemas/registration/normalize.ts";
import {
  checkStep,
  durationMonths,
  journeyControlNames,
  stepNumber,
} from "../../site/src/core/domain/registration/journey.ts";
import { checkRows, displayRow } from "../../site/src/core/domain/registration/display.ts";
import { communeByCode, provinceByCode } from "../../site/src/core/domain/admin-units/index.ts";
import { provinceSettings } from "../settings.ts";
import { referenceFor } from "../items/secrets.ts";
import { routeItem } from "../items/route.ts";

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

/** Whether an answer shows an option label that falls back to Vietnamese in this language. */
function usesFallback(lang: Lang, field: string, answers: RawAnswers): boolean {
  const f = fieldByName(field);
  if (!f || (f.kind !== "radios" && f.kind !== "checkboxes")) return false;
  return list(answers[field]).some(
    (v) => lookup(lang, `reg.${field}.option.${v}` as StringKey).lang !== lang,
  );
}

/**
 * What sealing on the device needs and only the Worker knows: the reference that goes with an
 * idempotency key (keyed with a Worker secret), and the office the answers will be routed to (its
 * keys come from the signed directory, never from here). Undefined where no office receives yet.
 */
export async function sealInfo(
  env: Env,
  idempotencyKey: string,
  provinceCode: string,
  communeCode: string,
): Promise<Record<string, string> | undefined> {
  const route =
    provinceCode && communeCode ? await routeItem(env, provinceCode, communeCode) : undefined;
  if (!route) return undefined;
  return {
    sealReference: await referenceFor(env.STATUS_PEPPER, idempotencyKey),
    sealOffice: route.officeId,
    sealCommuneName: communeByCode(communeCode)?.name ?? "",
    sealProvinceName: provinceByCode(provinceCode)?.name ?? "",
  };
}

/** Every answer of the journey as hidden fields of the send form (only known controls). */
function hiddenAnswers(answers: RawAnswers): Record<string, string | string[]> {
  const hidden: Record<string, string | string[]> = {};
  for (const name of journeyControlNames) {
    const value = answers[name];
    if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0))
      continue;
    hidden[name] = value;
  }
  return hidden;
}

export async function renderCheckPage(
  c: Context<AppEnv>,
  lang: Lang,
  draft: Draft | undefined,
  errors: FieldError[] = [],
  status?: number,
): Promise<Response> {
  const path = `/${lang}/register/check/`;
  if (!draft || Object.keys(draft.answers).length === 0)
    // Nothing to check here; with JavaScript the island may have the answers on the device.
    return renderTemplate(c.env, c.req.url, path, { toggles: { noDraft: true, content: false } });
  const answers = draft.answers;
  const tr = (key: string) => t(lang, key as StringKey);
  const places = {
    province: (code: string) => provinceByCode(code)?.name,
    commune: (code: string) => communeByCode(code)?.name,
  };
  const slots: Record<string, string> = {};
  const slotLangs: Record<string, string> = {};
  const flags: Record<string, boolean> = { ...journeyFlags(c.env, answers) };
  for (const row of steps.flatMap(checkRows)) {
    const text = displayRow(row, answers, tr, places);
    if (text) {
      slots[`answer-${row.key}`] = text;
      // An option label the reader's language lacks is shown in Vietnamese: mark it so.
      if (row.fields.some((f) => usesFallback(lang, f.name, answers)))
        slotLangs[`answer-${row.key}`] = "vi";
    } else slotText(slots, slotLangs, `answer-${row.key}`, lang, "reg.check.notProvided");
  }
  for (const f of allFields) {
    const given =
      f.kind === "date" ? one(answers[`${f.name}-year`]) : list(answers[f.name]).join("");
    flags[`has:${f.name}`] = given.trim() !== "";
  }
  const { total } = stepNumber(checkStep, answers);
  slotText(slots, slotLangs, "stepOf", lang, "reg.stepOf", { n: total, total });
  slotText(slots, slotLangs, "durationYours", lang, "reg.notice.durationYours", {
    months: durationMonths(journeyFlags(c.env, answers)),
  });
  const province = one(answers.provinceCode);
  routeSlots(c.env, lang, province, slots, slotLangs);

  // The key is made once and kept in the draft: a reload or a retried send uses the same one.
  const appendHeaders: [string, string][] = [];
  if (!draft.idempotencyKey) {
    draft = { ...draft, idempotencyKey: crypto.randomUUID(), savedAt: Date.now() };
    const secure = new URL(c.req.url).protocol === "https:";
    for (const cookie of draftCookies(await sealDraft(draft, c.env.DRAFT_KEY), secure))
      appendHeaders.push(["Set-Cookie", cookie]);
  }
  const turnstile = provinceSettings(c.env, province).turnstile;
  const seal =
    (await sealInfo(c.env, draft.idempotencyKey!, province, one(answers.communeCode))) ?? {};
  return renderTemplate(c.env, c.req.url, path, {
    slots,
    slotLangs,
    errors,
    errorPrefix: t(lang, "form.errorPrefix"),
    flags,
    toggles: { noDraft: false, content: true },
    hidden: { ...hiddenAnswers(answers), idempotencyKey: draft.idempotencyKey!, ...seal },
    html:
      turnstile.enabled && turnstile.siteKey
        ? {
            turnstile: `${noScriptNotice(lang)}<div class="cf-turnstile" data-sitekey="${escapeHtml(turnstile.siteKey)}" data-language="${lang === "vi" ? "vi" : "en"}"></div><script src="${turnstileOrigin}/turnstile/v0/api.js" async defer></script>`,
          }
        : {},
    csp: turnstile.enabled ? allowTurnstile : undefined,
    appendHeaders,
    status,
    rootAttributes: { "data-server-draft": "" },
  });
}
