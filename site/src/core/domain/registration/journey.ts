/**
 * The order of the registration journey: who → place → commune → person → (representative,
 * only for a child) → drug use → treatment → consent → check answers. The same order drives the
 * no-JavaScript Worker pages and the links on the check page.
 */
import { steps, type StepDef } from "../../schemas/registration/fields.ts";

export const checkStep = "check";
export type Answers = Record<string, unknown>;

export function journeySteps(answers: Answers): StepDef[] {
  return steps.filter((s) => !s.when || s.when(answers));
}

export function isStep(id: string): boolean {
  return id === checkStep || steps.some((s) => s.id === id);
}

export function nextStepId(current: string, answers: Answers): string {
  const list = journeySteps(answers);
  const i = list.findIndex((s) => s.id === current);
  return list[i + 1]?.id ?? checkStep;
}

export function previousStepId(current: string, answers: Answers): string | undefined {
  const list = journeySteps(answers);
  if (current === checkStep) return list[list.length - 1]?.id;
  const i = list.findIndex((s) => s.id === current);
  return i > 0 ? list[i - 1]!.id : undefined;
}

/** Steps that come before `stepId` in this journey. */
export function stepsBefore(stepId: string, answers: Answers): StepDef[] {
  const list = journeySteps(answers);
  if (stepId === checkStep) return list;
  const i = list.findIndex((s) => s.id === stepId);
  return i < 0 ? [] : list.slice(0, i);
}

/** The form field names a step shows (a date shows as day, month and year boxes). */
export function formFieldsOf(step: StepDef): string[] {
  return step.fields.flatMap((f) =>
    f.kind === "date"
      ? [`${f.name}-day`, `${f.name}-month`, `${f.name}-year`]
      : [f.name, ...(f.detail ? [f.detail.field] : [])],
  );
}
