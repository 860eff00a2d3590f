/**
 * Validation on submit, in the browser, with the same schema and messages as the Worker: errors
 * show at once, without a round trip, in the same error summary and field messages the Worker
 * fills. It renders nothing of its own; without JavaScript the Worker does all of this.
 */
import { useEffect } from "preact/hooks";
import {
  errorTarget,
  issuesOfStep,
  registrationSchema,
  type RawAnswers,
  type RegistrationIssue,
} from "../schemas/registration/schema.ts";

interface Props {
  step: string;
  messages: Record<string, string>;
}

export function answersOf(form: HTMLFormElement): RawAnswers {
  const raw: RawAnswers = {};
  for (const [name, value] of new FormData(form).entries()) {
    if (typeof value !== "string") continue;
    const existing = raw[name];
    raw[name] =
      existing === undefined
        ? value
        : Array.isArray(existing)
          ? [...existing, value]
          : [existing, value];
  }
  return raw;
}

/** The administrative units this page knows: the options it offers, and the answers it carries. */
function unitsOf(form: HTMLFormElement, raw: RawAnswers) {
  const options = (name: string) =>
    new Set(
      [...form.querySelectorAll<HTMLOptionElement>(`select[name=${name}] option`)]
        .map((o) => o.value)
        .filter(Boolean),
    );
  const provinces = options("provinceCode");
  const communes = options("communeCode");
  const carried = (name: string) => (typeof raw[name] === "string" ? (raw[name] as string) : "");
  return {
    provinceExists: (code: string) =>
      provinces.has(code) || (code !== "" && code === carried("provinceCode")),
    provinceOfCommune: (code: string) =>
      communes.has(code) || (code !== "" && code === carried("communeCode"))
        ? carried("provinceCode") || undefined
        : undefined,
  };
}

export function clearErrors(doc: Document) {
  doc.querySelector("[data-error-summary]")?.setAttribute("hidden", "");
  doc.querySelectorAll("[data-error-for]").forEach((el) => el.setAttribute("hidden", ""));
  doc
    .querySelectorAll(".form-group--error")
    .forEach((el) => el.classList.remove("form-group--error"));
  doc.querySelectorAll("[aria-invalid]").forEach((el) => {
    el.removeAttribute("aria-invalid");
    el.classList.remove("input--error");
  });
}

export function showErrors(
  doc: Document,
  issues: RegistrationIssue[],
  messages: Record<string, string>,
) {
  const text = (i: RegistrationIssue) => messages[i.key] ?? i.key;
  const summary = doc.querySelector<HTMLElement>("[data-error-summary]");
  const list = summary?.querySelector("ul");
  if (summary && list) {
    list.replaceChildren(
      ...issues.map((i) => {
        const li = doc.createElement("li");
        const a = doc.createElement("a");
        a.href = `#${errorTarget(i.field)}`;
        a.textContent = text(i);
        li.append(a);
        return li;
      }),
    );
    summary.removeAttribute("hidden");
  }
  for (const i of issues) {
    doc.querySelector(`[data-field="${i.field}"]`)?.classList.add("form-group--error");
    const message = doc.querySelector<HTMLElement>(`[data-error-for="${i.field}"]`);
    message?.removeAttribute("hidden");
    const slot = message?.querySelector("[data-error-text]");
    if (slot) slot.textContent = text(i);
    doc
      .querySelectorAll<HTMLElement>(`[name="${i.field}"], [name^="${i.field}-"]`)
      .forEach((control) => {
        if (control.getAttribute("type") === "hidden") return;
        control.setAttribute("aria-invalid", "true");
        if (!["radio", "checkbox"].includes(control.getAttribute("type") ?? ""))
          control.classList.add("input--error");
      });
  }
  const prefix = messages["form.errorPrefix"] ?? "Error:";
  if (!doc.title.startsWith(prefix)) doc.title = `${prefix} ${doc.title}`;
  summary?.focus();
}

export default function RegistrationValidator({ step, messages }: Props) {
  useEffect(() => {
    const form = document.querySelector<HTMLFormElement>("form[data-form]");
    if (!form) return;
    const onSubmit = (event: SubmitEvent) => {
      const submitter = event.submitter as HTMLButtonElement | null;
      if (submitter?.name === "_nav" || submitter?.name === "_change") return; // moving, not answering
      const raw = answersOf(form);
      const issues = issuesOfStep(registrationSchema(unitsOf(form, raw)), raw, step);
      clearErrors(document);
      if (issues.length === 0) return;
      event.preventDefault();
      showErrors(document, issues, messages);
    };
    form.addEventListener("submit", onSubmit);
    return () => form.removeEventListener("submit", onSubmit);
  }, [step, messages]);
  return null;
}
