/**
 * The order of the registration journey and what each answer changes in it, in one place for the
 * Worker's pages (no JavaScript), the island (JavaScript) and the check page:
 *
 *   who → determination → place → commune → person → (writer, 12-17 only) → background → family
 *   → record → drug use → treatment history → (treatment, with a stable residence) → consent
 *   → check answers
 *
 * "Bước 3 trên 12" is counted from the same list, so it stays right when a path adds or skips a step.
 */
import {
  controlsOf,
  steps,
  type Condition,
  type FieldDef,
  type Flag,
  type StepDef,
} from "../../schemas/registration/fields.ts";
import {
  dateValue,
  digitsOnly,
  idLooksInconsistent,
  one,
  parseCount,
  type RawAnswers,
} from "../../schemas/registration/normalize.ts";
import { vietnamDate } from "../time/vietnam.ts";

export const checkStep = "check";
export type Flags = Record<Flag, boolean>;

export interface FlagOptions {
  now?: Date;
  /** Whether a province accepts Lối Về as its online channel (its settings). */
  acceptsOnline?: (provinceCode: string) => boolean;
}

/** An addiction determination older than this needs a new one (Law 120 Art. 31.1). */
export const determinationValidMonths = 6;

/** The calendar date `months` before `isoDate`'s day in Vietnam time (clamped to month ends). */
function monthsBefore(today: string, months: number): string {
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12),
    month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

export function flagsOf(raw: RawAnswers, options: FlagOptions = {}): Flags {
  const now = options.now ?? new Date();
  const a = (name: string) => one(raw[name]).trim();
  const determinationDate = dateValue(raw, "determinationDate");
  const times = (name: string) => parseCount(a(name)) ?? 0;
  const stableResidence = a("residence") !== "none";
  return {
    child: a("registrant") === "child",
    adult: a("registrant") === "self",
    noResidence: !stableResidence,
    stableResidence,
    noDetermination: a("determination") === "no",
    determinationOld:
      a("determination") === "yes" &&
      /^\d{4}-\d{2}-\d{2}$/.test(determinationDate) &&
      determinationDate < monthsBefore(vietnamDate(now), determinationValidMonths),
    treatedBefore: a("treatedBefore") === "yes",
    // Law 120 Art. 29.1: 24 months for a first treatment, 36 from the second.
    repeatTreatment:
      a("treatedBefore") === "yes" && times("voluntaryTimes") + times("compulsoryTimes") > 0,
    home: stableResidence && a("treatmentForm") === "home",
    idWarning: idLooksInconsistent(
      digitsOnly(a("personalId")),
      dateValue(raw, "dateOfBirth"),
      a("sex"),
    ),
    acceptsOnline: options.acceptsOnline?.(a("provinceCode")) ?? false,
  };
}

export function holds(condition: Condition | undefined, flags: Flags): boolean {
  if (!condition) return true;
  return condition.startsWith("!") ? !flags[condition.slice(1) as Flag] : flags[condition as Flag];
}

/** Whether a field is asked for these answers (a spouse is not asked of a 15-year-old). */
export function fieldApplies(f: FieldDef, flags: Flags): boolean {
  return holds(f.showWhen, flags);
}

export function journeySteps(raw: RawAnswers, flags: Flags = flagsOf(raw)): StepDef[] {
  return steps.filter((s) => holds(s.when, flags));
}

export function isStep(id: string): boolean {
  return id === checkStep || steps.some((s) => s.id === id);
}

/** "Bước n trên total": this step's place in this person's journey (the check page is the last). */
export function stepNumber(stepId: string, raw: RawAnswers): { n: number; total: number } {
  const list = journeySteps(raw);
  const total = list.length + 1;
  if (stepId === checkStep) return { n: total, total };
  const i = list.findIndex((s) => s.id === stepId);
  return { n: i < 0 ? 1 : i + 1, total };
}

export function nextStepId(current: string, raw: RawAnswers): string {
  if (current === "who" && one(raw.registrant) === "under12") return "under-12";
  const list = journeySteps(raw);
  const i = list.findIndex((s) => s.id === current);
  return list[i + 1]?.id ?? checkStep;
}

export function previousStepId(current: string, raw: RawAnswers): string | undefined {
  const list = journeySteps(raw);
  if (current === checkStep) return list[list.length - 1]?.id;
  const i = list.findIndex((s) => s.id === current);
  return i > 0 ? list[i - 1]!.id : undefined;
}

/** The form controls a step shows (a date shows as day, month and year boxes). */
export function formFieldsOf(step: StepDef): string[] {
  return step.fields.flatMap(controlsOf);
}

/** Every form control name the journey uses (date parts included). */
export const journeyControlNames: string[] = steps.flatMap(formFieldsOf);

/**
 * Answers already given elsewhere, offered instead of asked again: when the writer of Mẫu 20 is
 * the father or the mother, Mẫu 33's father or mother starts with their name and residence.
 * Returns only controls that are still empty.
 */
export function prefill(stepId: string, raw: RawAnswers): Record<string, string> {
  const out: Record<string, string> = {};
  if (stepId !== "family" || one(raw.registrant) !== "child") return out;
  const relationship = one(raw.repRelationship);
  const parent = relationship === "father" ? "father" : relationship === "mother" ? "mother" : "";
  if (!parent) return out;
  const offer = (name: string, value: string) => {
    if (value.trim() && !one(raw[name]).trim()) out[name] = value;
  };
  offer(`${parent}Name`, one(raw.repName));
  offer(`${parent}Address`, one(raw.repAddress));
  return out;
}

/** The commitment the law sets: 24 months, 36 from the second treatment (Law 120 Art. 29.1). */
export function durationMonths(flags: Flags): 24 | 36 {
  return flags.repeatTreatment ? 36 : 24;
}
