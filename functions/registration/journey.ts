/**
 * The registration journey without JavaScript. Each step's form POSTs here; the answer is the
 * next step (or the same step with its errors), rendered from the site's own static page.
 *
 *   POST /<lang>/register/<step>/   _from=<step answered>, answers so far, _nav=back | _change=<step>
 */
import { Hono, type Context } from "hono";
import type { AppEnv } from "../env.ts";
import { field, parseBody } from "../http/body.ts";
import { t, type Lang, type StringKey } from "../http/i18n.ts";
import { escapeHtml, renderTemplate, type FieldError } from "../render/template.ts";
import { answersFrom, hiddenAnswers } from "./answers.ts";
import { schemaNow } from "./units.ts";
import { renderCheckPage } from "./check-page.ts";
import { stepById } from "../../site/src/core/schemas/registration/fields.ts";
import {
  errorTarget,
  issuesOfStep,
  type RawAnswers,
} from "../../site/src/core/schemas/registration/schema.ts";
import {
  checkStep,
  formFieldsOf,
  isStep,
  journeySteps,
  nextStepId,
  previousStepId,
  stepsBefore,
} from "../../site/src/core/domain/registration/journey.ts";
import {
  communesOf,
  provinceByCode,
  provinceSlug,
} from "../../site/src/core/domain/admin-units/index.ts";
import { provinceSettings } from "../settings.ts";

type AppContext = Context<AppEnv>;

export function stepPath(lang: Lang, step: string): string {
  return `/${lang}/register/${step}/`;
}

/** Answers as the schema's step logic sees them (strings; lists as given). */
function plain(answers: RawAnswers): Record<string, unknown> {
  return Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v]));
}

export async function renderStep(
  c: AppContext,
  lang: Lang,
  stepId: string,
  answers: RawAnswers,
  options: { errors?: FieldError[]; returnToCheck?: boolean } = {},
): Promise<Response> {
  if (stepId === checkStep) return renderCheckPage(c, lang, answers, options.errors ?? []);
  const step = stepById(stepId)!;
  const shown = formFieldsOf(step);
  const hidden = hiddenAnswers(answers, shown);
  if (options.returnToCheck) hidden._return = "check";
  const next = options.returnToCheck ? checkStep : nextStepId(stepId, plain(answers));
  const previous = previousStepId(stepId, plain(answers));
  const html: Record<string, string> = {};
  const slots: Record<string, string> = {};
  const province = provinceByCode(String(answers.provinceCode ?? ""));
  if (step.id === "commune" && province) {
    const chosen = String(answers.communeCode ?? "");
    html.communes = [
      `<option value="">${escapeHtml(t(lang, "reg.communeCode.choose"))}</option>`,
      ...communesOf(province.code).map(
        (cm) =>
          `<option value="${cm.code}"${cm.code === chosen ? " selected" : ""}>${escapeHtml(cm.name)}</option>`,
      ),
    ].join("");
  }
  if (step.id === "consent" && province) {
    slots.retention = t(lang, "reg.consent.howLong", {
      days: provinceSettings(c.env, province.code).retentionDaysAfterClosing,
    });
  }
  return renderTemplate(c.env, c.req.url, stepPath(lang, step.id), {
    values: Object.fromEntries(shown.map((name) => [name, answers[name] ?? ""])) as Record<
      string,
      string | string[]
    >,
    errors: options.errors,
    errorPrefix: t(lang, "form.errorPrefix"),
    hidden,
    action: stepPath(lang, next),
    backAction: previous ? stepPath(lang, previous) : undefined,
    slots,
    html,
    hrefs: province
      ? { formerNames: `/${lang}/where-to-go/${provinceSlug(province)}/former-names/` }
      : {},
  });
}

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

export const journey = new Hono<AppEnv>()
  // A bookmarked or reloaded check page has no answers to check: start again.
  .get("/:lang/register/check/", (c) => c.redirect(`/${c.get("lang")}/register/`, 303))
  .post("/:lang/register/:step/", parseBody(16 * 1024, "form"), async (c) => {
    const lang = c.get("lang");
    const body = c.get("body");
    const target = c.req.param("step");
    const from = field(body.fields, "_from");
    const answers = answersFrom(body.fields);
    const returnToCheck = field(body.fields, "_return") === "check";
    if (!isStep(target)) return c.notFound();

    // Moving back, or to change an answer from the check page: no validation, answers kept.
    const changeStep = field(body.fields, "_change");
    if (changeStep && isStep(changeStep))
      return renderStep(c, lang, changeStep, answers, { returnToCheck: true });
    if (field(body.fields, "_nav") === "back")
      return renderStep(c, lang, target, answers, { returnToCheck });

    if (!isStep(from) || from === checkStep)
      return renderStep(c, lang, journeySteps({})[0]!.id, answers);
    if (from === "who" && answers.registrant === "under12") {
      return renderTemplate(c.env, c.req.url, `/${lang}/register/under-12/`, {});
    }

    const schema = schemaNow();
    // Answers carried from earlier steps are checked again: they came back from the browser.
    for (const earlier of stepsBefore(from, plain(answers))) {
      const issues = issuesOfStep(schema, answers, earlier.id);
      if (issues.length > 0)
        return renderStep(c, lang, earlier.id, answers, {
          errors: localizedErrors(lang, issues),
          returnToCheck,
        });
    }
    const issues = issuesOfStep(schema, answers, from);
    if (issues.length > 0)
      return renderStep(c, lang, from, answers, {
        errors: localizedErrors(lang, issues),
        returnToCheck,
      });
    if (returnToCheck) {
      // A changed answer may open a step not answered yet (e.g. now registering a child): ask it first.
      const unanswered = journeySteps(plain(answers)).find(
        (s) => issuesOfStep(schema, answers, s.id).length > 0,
      );
      return unanswered
        ? renderStep(c, lang, unanswered.id, answers, { returnToCheck })
        : renderStep(c, lang, checkStep, answers);
    }
    return renderStep(c, lang, nextStepId(from, plain(answers)), answers);
  });
