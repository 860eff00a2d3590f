/**
 * A step of the journey with JavaScript. The page is the same plain form the Worker answers
 * without JavaScript; this island takes it over:
 *   - the answers live on the device (device-draft.ts), saved as they are typed, so Back, reload
 *     after a dropped connection and the language picker keep them;
 *   - "Continue" checks the step with the shared schema, against the earlier answers, and shows
 *     errors at once, tied to their fields; then it moves to the next page of this person's path;
 *   - nothing is posted until the check page sends the file.
 * It renders nothing of its own.
 */
import { useEffect } from "preact/hooks";
import { steps } from "../../core/schemas/registration/fields.ts";
import {
  firstStepWithIssues,
  issuesOfStep,
  registrationSchema,
  type RawAnswers,
  type UnitLookup,
} from "../../core/schemas/registration/schema.ts";
import {
  checkStep,
  durationMonths,
  flagsOf,
  nextStepId,
  prefill,
  previousStepId,
  stepNumber,
} from "../../core/domain/registration/journey.ts";
import { clearDraft, readDraft, writeDraft } from "./device-draft.ts";
import {
  applyConditions,
  clearErrors,
  communesOf,
  fillControls,
  interpolate,
  markReady,
  readStep,
  setSlot,
  showErrors,
  stepPath,
} from "./page.ts";

interface Props {
  lang: string;
  step: string;
  messages: Record<string, string>;
  onlineProvinces: string[];
}

/**
 * Whether the Worker holds this journey's draft (it marks the pages it fills from its sealed
 * cookie): a journey begun without JavaScript, or a step posted before the island loaded. The
 * draft lives where it is: the island then only checks each step before the form posts.
 */
export function serverKept(): boolean {
  return document.documentElement.hasAttribute("data-server-draft");
}

function validateOnly(form: HTMLFormElement, stepId: string, messages: Record<string, string>) {
  const step = steps.find((s) => s.id === stepId)!;
  const onSubmit = (event: SubmitEvent) => {
    if ((event.submitter as HTMLButtonElement | null)?.name === "_nav") return;
    const answers = readStep(form, step);
    const issues = issuesOfStep(registrationSchema(unitsOf(form, answers)), answers, stepId);
    clearErrors(document);
    if (issues.length === 0) return;
    event.preventDefault();
    showErrors(document, issues, messages);
  };
  form.addEventListener("submit", onSubmit);
  const restart = document.querySelector<HTMLFormElement>("form[data-restart]");
  const onRestart = () => clearDraft();
  restart?.addEventListener("submit", onRestart);
  markReady(document);
  return () => {
    form.removeEventListener("submit", onSubmit);
    restart?.removeEventListener("submit", onRestart);
  };
}

/** What this page knows of places: the province list it offers, the communes it loaded. */
function unitsOf(form: HTMLFormElement, answers: RawAnswers): UnitLookup {
  const options = (name: string) =>
    new Set(
      Array.from(form.querySelectorAll<HTMLOptionElement>(`select[name=${name}] option`))
        .map((o) => o.value)
        .filter(Boolean),
    );
  const provinces = options("provinceCode");
  const communes = options("communeCode");
  const carried = (name: string) =>
    typeof answers[name] === "string" ? (answers[name] as string) : "";
  return {
    provinceExists: (code) =>
      provinces.has(code) || (code !== "" && code === carried("provinceCode")),
    // A commune offered on this page is in the chosen province (the page lists only its communes).
    provinceOfCommune: (code) =>
      communes.has(code)
        ? carried("provinceCode") || "listed"
        : code !== "" && code === carried("communeCode")
          ? carried("provinceCode") || undefined
          : undefined,
  };
}

export default function RegistrationStep({ lang, step: stepId, messages, onlineProvinces }: Props) {
  useEffect(() => {
    const form = document.querySelector<HTMLFormElement>("form[data-form]");
    const step = steps.find((s) => s.id === stepId);
    if (!form || !step) return;
    const draft = readDraft();
    const options = { acceptsOnline: (code: string) => onlineProvinces.includes(code) };
    // A journey begun without JavaScript stays with the Worker's sealed draft: here the island
    // only checks the step's own answers before the form posts, as it always does.
    if (serverKept()) return validateOnly(form, stepId, messages);

    // Answers the Worker put on the page (a journey begun without JavaScript) join the draft.
    const onPage = readStep(form, step);
    for (const [name, value] of Object.entries(onPage))
      if (draft.answers[name] === undefined && (Array.isArray(value) ? value.length : value))
        draft.answers[name] = value;

    const render = () => {
      const flags = flagsOf(draft.answers, options);
      applyConditions(document, flags);
      const { n, total } = stepNumber(stepId, draft.answers);
      setSlot(document, "stepOf", interpolate(messages["reg.stepOf"] ?? "", { n, total }));
      setSlot(
        document,
        "durationYours",
        interpolate(messages["reg.notice.durationYours"] ?? "", { months: durationMonths(flags) }),
      );
    };
    fillControls(form, { ...draft.answers, ...prefill(stepId, draft.answers) });
    render();

    // The commune question needs the chosen province's communes.
    if (stepId !== "commune") markReady(document);
    else {
      const select = form.querySelector<HTMLSelectElement>("select[name=communeCode]");
      const province = String(draft.answers.provinceCode ?? "");
      void communesOf(province)
        .then((list) => {
          if (!select || !list) return;
          const chosen = String(draft.answers.communeCode ?? "");
          select.replaceChildren(
            new Option(messages["reg.communeCode.choose"] ?? "", ""),
            ...list.communes.map((c) => new Option(c.name, c.code, false, c.code === chosen)),
          );
          const former = document.querySelector<HTMLAnchorElement>("[data-former-names]");
          if (former) former.href = `/${lang}/where-to-go/${list.province.slug}/former-names/`;
        })
        .finally(() => markReady(document));
    }

    const save = () => {
      Object.assign(draft.answers, readStep(form, step));
      writeDraft(draft);
    };
    const go = (id: string) => window.location.assign(stepPath(lang, id));

    const onInput = () => {
      save();
      render();
    };
    const onSubmit = (event: SubmitEvent) => {
      event.preventDefault();
      save();
      const submitter = event.submitter as HTMLButtonElement | null;
      if (submitter?.name === "_nav") {
        const previous = previousStepId(stepId, draft.answers);
        return previous ? go(previous) : window.location.assign(`/${lang}/register/`);
      }
      const units = unitsOf(form, draft.answers);
      const schema = registrationSchema(units);
      const issues = issuesOfStep(schema, draft.answers, stepId);
      clearErrors(document);
      if (issues.length > 0) return showErrors(document, issues, messages);
      if (draft.returnTo === "check") {
        // A changed answer may open a question not answered yet: ask it before going back.
        const open = firstStepWithIssues(registrationSchema(units), draft.answers);
        if (!open || open.stepId === stepId) {
          delete draft.returnTo;
          writeDraft(draft);
          return go(checkStep);
        }
        return go(open.stepId);
      }
      go(nextStepId(stepId, draft.answers));
    };
    const restart = document.querySelector<HTMLFormElement>("form[data-restart]");
    const onRestart = () => clearDraft(); // the Worker then clears its cookie and shows the start

    form.addEventListener("input", onInput);
    form.addEventListener("change", onInput);
    form.addEventListener("submit", onSubmit);
    restart?.addEventListener("submit", onRestart);
    return () => {
      form.removeEventListener("input", onInput);
      form.removeEventListener("change", onInput);
      form.removeEventListener("submit", onSubmit);
      restart?.removeEventListener("submit", onRestart);
    };
  }, [stepId]);
  return null;
}
