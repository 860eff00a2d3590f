/**
 * What the registration islands do to the pages the Worker also fills: read and fill form
 * controls, show the parts that depend on the answers (data-show-when), set text slots, and show
 * errors the GOV.UK way, each tied to its field (aria-describedby names the error).
 */
import { controlsOf, type StepDef } from "../../core/schemas/registration/fields.ts";
import { holds, type Flags } from "../../core/domain/registration/journey.ts";
import {
  errorTarget,
  type RawAnswers,
  type RegistrationIssue,
} from "../../core/schemas/registration/schema.ts";
import type { Condition } from "../../core/schemas/registration/fields.ts";

/** Every value a form holds, as forms send them (repeated names become lists). */
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

/** The answers a step's form holds now (unchecked boxes count as an empty answer). */
export function readStep(form: HTMLFormElement, step: StepDef): RawAnswers {
  const data = new FormData(form);
  const out: RawAnswers = {};
  for (const f of step.fields)
    for (const name of controlsOf(f)) {
      const values = data.getAll(name).filter((v): v is string => typeof v === "string");
      out[name] = f.kind === "checkboxes" ? values : (values[0] ?? "");
    }
  return out;
}

/** Sets the form's controls to the answers (radios, checkboxes, selects, text). */
export function fillControls(form: HTMLFormElement, answers: RawAnswers): void {
  for (const el of Array.from(form.elements)) {
    if (!(
      el instanceof HTMLInputElement ||
      el instanceof HTMLSelectElement ||
      el instanceof HTMLTextAreaElement
    ))
      continue;
    if (
      !el.name ||
      !(el.name in answers) ||
      (el instanceof HTMLInputElement && el.type === "hidden")
    )
      continue;
    const value = answers[el.name];
    const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
    if (el instanceof HTMLInputElement && (el.type === "radio" || el.type === "checkbox"))
      el.checked = list.includes(el.value);
    else el.value = list[0] ?? "";
  }
}

/** Shows or hides every [data-show-when] from the flags (and "has:<field>" for answered fields). */
export function applyConditions(
  doc: Document,
  flags: Flags,
  extra: Record<string, boolean> = {},
): void {
  doc.querySelectorAll<HTMLElement>("[data-show-when]").forEach((el) => {
    const condition = el.dataset.showWhen!;
    const negate = condition.startsWith("!");
    const name = negate ? condition.slice(1) : condition;
    const on = name in extra ? extra[name]! : holds(name as Condition, flags);
    el.hidden = negate ? on : !on;
  });
}

export function setSlot(doc: Document, name: string, text: string): void {
  doc.querySelectorAll<HTMLElement>(`[data-slot="${name}"]`).forEach((el) => {
    el.textContent = text;
  });
}

export function interpolate(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

const tokens = (el: Element, attr: string) =>
  (el.getAttribute(attr) ?? "").split(/\s+/).filter(Boolean);

export function clearErrors(doc: Document): void {
  doc.querySelector("[data-error-summary]")?.setAttribute("hidden", "");
  doc.querySelectorAll("[data-error-for]").forEach((el) => el.setAttribute("hidden", ""));
  doc
    .querySelectorAll(".form-group--error")
    .forEach((el) => el.classList.remove("form-group--error"));
  doc.querySelectorAll("[aria-invalid]").forEach((el) => {
    el.removeAttribute("aria-invalid");
    el.classList.remove("input--error");
  });
  doc.querySelectorAll("[aria-describedby]").forEach((el) => {
    const kept = tokens(el, "aria-describedby").filter((t) => !t.startsWith("error-"));
    if (kept.length) el.setAttribute("aria-describedby", kept.join(" "));
    else el.removeAttribute("aria-describedby");
  });
}

function describe(el: Element, id: string) {
  const list = tokens(el, "aria-describedby");
  if (!list.includes(id)) el.setAttribute("aria-describedby", [...list, id].join(" "));
}

export function showErrors(
  doc: Document,
  issues: RegistrationIssue[],
  messages: Record<string, string>,
): void {
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
    const errorId = `error-${i.field}`;
    doc.querySelector(`[data-field="${i.field}"]`)?.classList.add("form-group--error");
    const message = doc.querySelector<HTMLElement>(`[data-error-for="${i.field}"]`);
    message?.removeAttribute("hidden");
    const slot = message?.querySelector("[data-error-text]");
    if (slot) slot.textContent = text(i);
    // The error is read with its field: on the group of choices or dates, and on each box.
    doc.querySelectorAll(`[data-describes="${i.field}"]`).forEach((el) => describe(el, errorId));
    doc
      .querySelectorAll<HTMLElement>(`[name="${i.field}"], [name^="${i.field}-"]`)
      .forEach((control) => {
        const type = control.getAttribute("type") ?? "";
        if (type === "hidden") return;
        control.setAttribute("aria-invalid", "true");
        if (!["radio", "checkbox"].includes(type)) {
          control.classList.add("input--error");
          describe(control, errorId);
        }
      });
  }
  const prefix = messages["form.errorPrefix"] ?? "Error:";
  if (!doc.title.startsWith(prefix)) doc.title = `${prefix} ${doc.title}`;
  summary?.focus();
}

export interface CommuneList {
  province: { code: string; name: string; slug: string };
  communes: { code: string; name: string }[];
}

const communeCache = new Map<string, Promise<CommuneList | undefined>>();

/** One province's communes, from the small static file built for the island. */
export function communesOf(provinceCode: string): Promise<CommuneList | undefined> {
  if (!/^\d{2}$/.test(provinceCode)) return Promise.resolve(undefined);
  let found = communeCache.get(provinceCode);
  if (!found) {
    found = fetch(`/where-to-go/communes/${provinceCode}.json`)
      .then((r) => (r.ok ? (r.json() as Promise<CommuneList>) : undefined))
      .catch(() => undefined);
    communeCache.set(provinceCode, found);
  }
  return found;
}

/** Marks the page as filled from the device's draft (tests and scripts wait for it). */
export function markReady(doc: Document): void {
  doc.documentElement.setAttribute("data-registration-ready", "");
}

export const stepPath = (lang: string, id: string) => `/${lang}/register/${id}/`;
