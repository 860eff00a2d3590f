/**
 * The registration journey without JavaScript: post/redirect/get with a sealed draft.
 *
 *   GET  /<lang>/register/<step>/    the step, filled from the draft (with its errors, if any)
 *   POST /<lang>/register/<step>/    the step's answers (or _nav=back, or _change from the check
 *                                    page) → 303 to the next page; the draft is resealed
 *   GET  /<lang>/register/check/     check your answers, from the draft
 *   GET  /<lang>/register/print/     Mẫu 20 and Mẫu 33 from the draft: rendered, never stored
 *   POST /<lang>/register/restart/   deletes the draft → 303 to the start page
 *
 * Back, Forward and reload are plain GETs, so the answers stay. The language picker links to the
 * same step in another language, which reads the same draft. A form from before the Mẫu 20/33
 * field set (no or another formVersion) is refused, and the draft deleted; nothing is stored.
 * With JavaScript none of this runs: the island keeps the draft on the device.
 */
import { Hono, type Context } from "hono";
import type { AppEnv } from "../env.ts";
import { field, fieldList, parseBody, type FormFields } from "../http/body.ts";
import { langOfPath, slotText, t, type Lang, type StringKey } from "../http/i18n.ts";
import { escapeHtml, renderTemplate, type FieldError } from "../render/template.ts";
import { schemaNow } from "./units.ts";
import { renderCheckPage } from "./check-page.ts";
import { journeyFlags, routeSlots } from "./route.ts";
import {
  clearDraftCookies,
  draftCookies,
  DraftTooLarge,
  emptyDraft,
  openDraft,
  sealDraft,
  type Draft,
} from "./draft.ts";
import { printPayload } from "./print.ts";
import {
  controlsOf,
  formVersion,
  stepById,
} from "../../site/src/core/schemas/registration/fields.ts";
import {
  errorTarget,
  firstStepWithIssues,
  issuesOfStep,
} from "../../site/src/core/schemas/registration/schema.ts";
import {
  checkStep,
  durationMonths,
  formFieldsOf,
  isStep,
  nextStepId,
  prefill,
  previousStepId,
  stepNumber,
} from "../../site/src/core/domain/registration/journey.ts";
import { renderForms } from "../../site/src/core/domain/registration/print-forms.ts";
import {
  communesOf,
  provinceByCode,
  provinceSlug,
} from "../../site/src/core/domain/admin-units/index.ts";
import { provinceSettings } from "../settings.ts";

type AppContext = Context<AppEnv>;
export const journeyBodyLimit = 16 * 1024;

export function stepPath(lang: Lang, step: string): string {
  return `/${lang}/register/${step}/`;
}

const isHttps = (c: AppContext) => new URL(c.req.url).protocol === "https:";

export function localizedErrors(
  lang: Lang,
  issues: { field: string; key: string }[],
): FieldError[] {
  return issues.map((i) => ({
    field: i.field,
    message: t(lang, i.key as StringKey),
    target: errorTarget(i.field),
  }));
}

/** A 303 to `location` that stores the draft (or deletes it). */
async function redirectWith(
  c: AppContext,
  location: string,
  draft: Draft | null,
): Promise<Response> {
  const headers = new Headers({ Location: location, "Cache-Control": "no-store" });
  let cookies: string[];
  try {
    cookies = draft
      ? draftCookies(
          await sealDraft({ ...draft, savedAt: Date.now() }, c.env.DRAFT_KEY),
          isHttps(c),
        )
      : clearDraftCookies(isHttps(c));
  } catch (e) {
    if (!(e instanceof DraftTooLarge)) throw e;
    // Answers far beyond every field's limit: keep the draft as it was, and say why.
    return renderTemplate(c.env, c.req.url, location, {
      errors: [{ field: "draft", message: t(langOfPath(location), "reg.error.draftTooLarge") }],
      errorPrefix: t(langOfPath(location), "form.errorPrefix"),
      status: 413,
    });
  }
  for (const cookie of cookies) headers.append("Set-Cookie", cookie);
  return new Response(null, { status: 303, headers });
}

export async function draftOf(c: AppContext): Promise<Draft | undefined> {
  return openDraft(c.req.header("Cookie"), c.env.DRAFT_KEY);
}

/** The answer to a page from before the Mẫu 20/33 change: start again; the old draft is deleted. */
export async function outdatedForm(c: AppContext, lang: Lang): Promise<Response> {
  return renderTemplate(c.env, c.req.url, `/${lang}/register/outdated/`, {
    status: 409,
    appendHeaders: clearDraftCookies(isHttps(c)).map((v) => ["Set-Cookie", v] as [string, string]),
  });
}

/** A step's answers from a form: every control of the step (an unticked box is an empty answer). */
function answersOfStep(stepId: string, fields: FormFields): Draft["answers"] {
  const step = stepById(stepId)!;
  const out: Draft["answers"] = {};
  for (const f of step.fields) {
    // Far longer than any field allows: cut, so the sealed draft stays small (the limit errors anyway).
    const cap = Math.min(1200, 2 * (f.maxLength ?? 100) + 20);
    for (const name of controlsOf(f))
      out[name] =
        f.kind === "checkboxes"
          ? fieldList(fields, name)
              .slice(0, 20)
              .map((v) => v.slice(0, 40))
          : field(fields, name).slice(0, cap);
  }
  return out;
}

async function renderStep(
  c: AppContext,
  lang: Lang,
  stepId: string,
  draft: Draft | undefined,
): Promise<Response> {
  const step = stepById(stepId)!;
  const answers = draft?.answers ?? {};
  const shown = formFieldsOf(step);
  const values: Record<string, string | string[]> = { ...prefill(stepId, answers) };
  for (const name of shown) {
    const value = answers[name];
    if (value !== undefined && !(name in values)) values[name] = value;
  }
  const errors =
    draft?.errorsOn === stepId
      ? localizedErrors(lang, issuesOfStep(schemaNow(), answers, stepId))
      : [];
  const flags = draft ? journeyFlags(c.env, answers) : undefined;
  const { n, total } = stepNumber(stepId, answers);
  const slots: Record<string, string> = {};
  const slotLangs: Record<string, string> = {};
  slotText(slots, slotLangs, "stepOf", lang, "reg.stepOf", { n, total });
  const html: Record<string, string> = {};
  const hrefs: Record<string, string> = {};
  const province = provinceByCode(String(answers.provinceCode ?? ""));
  if (stepId === "commune" && province) {
    const chosen = String(answers.communeCode ?? "");
    html.communes = [
      `<option value="">${escapeHtml(t(lang, "reg.communeCode.choose"))}</option>`,
      ...communesOf(province.code).map(
        (cm) =>
          `<option value="${cm.code}"${cm.code === chosen ? " selected" : ""}>${escapeHtml(cm.name)}</option>`,
      ),
    ].join("");
    hrefs.formerNames = `/${lang}/where-to-go/${provinceSlug(province)}/former-names/`;
  }
  if (flags) {
    slotText(slots, slotLangs, "durationYours", lang, "reg.notice.durationYours", {
      months: durationMonths(flags),
    });
    routeSlots(c.env, lang, String(answers.provinceCode ?? ""), slots, slotLangs);
  }
  if (stepId === "consent" && province)
    slotText(slots, slotLangs, "retention", lang, "reg.consent.howLong", {
      days: provinceSettings(c.env, province.code).retentionDaysAfterClosing,
    });
  return renderTemplate(c.env, c.req.url, stepPath(lang, stepId), {
    values,
    errors,
    errorPrefix: t(lang, "form.errorPrefix"),
    flags,
    slots,
    slotLangs,
    html,
    hrefs,
    status: 200,
    // The island leaves a journey kept in the sealed draft to the Worker (see RegistrationStep).
    rootAttributes: draft ? { "data-server-draft": "" } : {},
  });
}

async function renderPrint(c: AppContext, lang: Lang, draft: Draft | undefined): Promise<Response> {
  if (!draft || Object.keys(draft.answers).length === 0)
    return renderTemplate(c.env, c.req.url, `/${lang}/register/print/`, {
      toggles: { noDraft: true },
    });
  // Rendered for this response only: not stored, not logged.
  const forms = renderForms(printPayload(draft.answers, lang), {
    vi: (key) => t("vi", key as StringKey),
  });
  return renderTemplate(c.env, c.req.url, `/${lang}/register/print/`, {
    html: { forms },
    toggles: { noDraft: false },
    rootAttributes: { "data-server-draft": "" },
  });
}

export const journey = new Hono<AppEnv>()
  .get("/:lang/register/:step/", async (c, next) => {
    const lang = c.get("lang");
    const stepId = c.req.param("step");
    if (stepId === "print") return renderPrint(c, lang, await draftOf(c));
    if (!isStep(stepId)) return next();
    const draft = await draftOf(c);
    if (stepId === checkStep) return renderCheckPage(c, lang, draft);
    return renderStep(c, lang, stepId, draft);
  })
  .post("/:lang/register/restart/", async (c) =>
    redirectWith(c, `/${c.get("lang")}/register/`, null),
  )
  .post(
    "/:lang/register/:step/",
    // Not a step: not found, before the body is read.
    async (c, next) => (isStep(c.req.param("step")) ? next() : c.notFound()),
    parseBody(journeyBodyLimit, "form"),
    async (c) => {
      const lang = c.get("lang");
      const stepId = c.req.param("step");
      const body = c.get("body");
      if (field(body.fields, "formVersion") !== formVersion) return outdatedForm(c, lang);
      const draft = (await draftOf(c)) ?? emptyDraft();

      // From the check page: "Back", or "Change" one answer (then come back to the check page).
      if (stepId === checkStep) {
        const last = previousStepId(checkStep, draft.answers) ?? "who";
        return redirectWith(c, stepPath(lang, last), draft);
      }
      const change = field(body.fields, "_change");
      if (change) {
        if (!isStep(change) || change === checkStep) return c.notFound();
        return redirectWith(c, stepPath(lang, change), {
          ...draft,
          returnTo: "check",
          errorsOn: undefined,
        });
      }

      Object.assign(draft.answers, answersOfStep(stepId, body.fields));
      delete draft.errorsOn;
      if (field(body.fields, "_nav") === "back") {
        const previous = previousStepId(stepId, draft.answers);
        return redirectWith(c, previous ? stepPath(lang, previous) : `/${lang}/register/`, draft);
      }

      const schema = schemaNow();
      // Earlier answers first (a draft that expired, or a step opened directly), then this step's.
      const open = firstStepWithIssues(schema, draft.answers, stepId);
      if (open)
        return redirectWith(c, stepPath(lang, open.stepId), { ...draft, errorsOn: open.stepId });
      const next = nextStepId(stepId, draft.answers);
      if (next === "under-12") return redirectWith(c, `/${lang}/register/under-12/`, draft);
      if (draft.returnTo === "check") {
        // A changed answer may open a question not answered yet (now registering a child): ask it.
        const unanswered = firstStepWithIssues(schema, draft.answers);
        if (unanswered) return redirectWith(c, stepPath(lang, unanswered.stepId), draft);
        return redirectWith(c, stepPath(lang, checkStep), { ...draft, returnTo: undefined });
      }
      return redirectWith(c, stepPath(lang, next), draft);
    },
  );
