/**
 * The answers of the journey as they travel between pages without JavaScript: in the POST body
 * only (hidden fields), never in the address or a cookie, and never stored until sent.
 */
import type { FormFields } from "../http/body.ts";
import { steps } from "../../site/src/core/schemas/registration/fields.ts";
import { formFieldsOf } from "../../site/src/core/domain/registration/journey.ts";
import type { RawAnswers } from "../../site/src/core/schemas/registration/schema.ts";

/** Every form field name the journey uses (date parts included). */
export const journeyFieldNames: string[] = steps.flatMap((s) => formFieldsOf(s));
const known = new Set(journeyFieldNames);

export function answersFrom(fields: FormFields): RawAnswers {
  const answers: RawAnswers = {};
  for (const [name, value] of Object.entries(fields)) if (known.has(name)) answers[name] = value;
  return answers;
}

/** The answers minus the fields a page shows itself (those travel as visible inputs). */
export function hiddenAnswers(
  answers: RawAnswers,
  shownFields: string[],
): Record<string, string | string[]> {
  const shown = new Set(shownFields);
  const hidden: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(answers)) {
    if (
      shown.has(name) ||
      value === undefined ||
      value === "" ||
      (Array.isArray(value) && value.length === 0)
    )
      continue;
    hidden[name] = value;
  }
  return hidden;
}
