/**
 * THE FIELD LIST of the voluntary-treatment registration, in one place so that it can be
 * corrected against the official form (Mẫu số 22, Phụ lục II, Decree 116/2021) without
 * touching the pages, the Worker or the schema logic. The form's exact fields are not
 * verified (../shared/domain.md, [U]); this is the working list from domain.md.
 *
 * Each step is one page of the journey; labels, hints and option texts are UI strings
 * ("reg.<field>.label", "reg.<field>.hint", "reg.<field>.option.<value>").
 */

export type FieldKind =
  | "radios"
  | "checkboxes"
  | "text"
  | "tel"
  | "date"
  | "select-province"
  | "select-commune"
  | "consent";

export interface FieldDef {
  name: string;
  kind: FieldKind;
  options?: readonly string[];
  optional?: boolean;
  /** Autocomplete token, for browsers that can fill it (never on health answers). */
  autocomplete?: string;
  inputmode?: "numeric" | "tel" | "text";
  width?: "short";
  /** A "show more" text field revealed for one option (e.g. drugs: "other" → drugsOther). */
  detail?: { option: string; field: string };
}

export interface StepDef {
  id: string;
  fields: FieldDef[];
  /** Only in the journey when this holds for the answers so far. */
  when?: (answers: Record<string, unknown>) => boolean;
}

export const registrantOptions = ["self", "child", "under12"] as const;
export const sexOptions = ["male", "female"] as const;
export const relationshipOptions = ["parent", "guardian", "other-legal-representative"] as const;
export const drugOptions = [
  "opioids",
  "methamphetamine",
  "cannabis",
  "ecstasy",
  "ketamine",
  "other",
  "unknown",
] as const;
export const durationOptions = ["under-1-year", "1-to-5-years", "over-5-years", "unknown"] as const;
export const methodOptions = ["smoke", "inject", "swallow", "sniff", "other", "unknown"] as const;
export const previousTreatmentOptions = [
  "none",
  "voluntary",
  "compulsory",
  "substitution",
  "unknown",
] as const;
/** The forms of voluntary treatment the law allows (Law 73/2021 Art. 28; Law 120/2025). */
export const treatmentFormOptions = ["home", "community", "facility"] as const;

export const steps: StepDef[] = [
  { id: "who", fields: [{ name: "registrant", kind: "radios", options: registrantOptions }] },
  { id: "place", fields: [{ name: "provinceCode", kind: "select-province" }] },
  { id: "commune", fields: [{ name: "communeCode", kind: "select-commune" }] },
  {
    id: "person",
    fields: [
      { name: "fullName", kind: "text", autocomplete: "off" },
      { name: "dateOfBirth", kind: "date" },
      { name: "sex", kind: "radios", options: sexOptions },
      {
        name: "personalId",
        kind: "text",
        inputmode: "numeric",
        width: "short",
        autocomplete: "off",
      },
      { name: "addressDetail", kind: "text", autocomplete: "off" },
      {
        name: "phone",
        kind: "tel",
        optional: true,
        inputmode: "tel",
        width: "short",
        autocomplete: "off",
      },
    ],
  },
  {
    id: "representative",
    when: (a) => a.registrant === "child",
    fields: [
      { name: "repName", kind: "text", autocomplete: "name" },
      { name: "repRelationship", kind: "radios", options: relationshipOptions },
      {
        name: "repPersonalId",
        kind: "text",
        inputmode: "numeric",
        width: "short",
        autocomplete: "off",
      },
      { name: "repPhone", kind: "tel", inputmode: "tel", width: "short", autocomplete: "tel" },
    ],
  },
  {
    id: "drug-use",
    fields: [
      {
        name: "drugs",
        kind: "checkboxes",
        options: drugOptions,
        detail: { option: "other", field: "drugsOther" },
      },
      { name: "useDuration", kind: "radios", options: durationOptions },
      { name: "useMethods", kind: "checkboxes", options: methodOptions },
      { name: "previousTreatment", kind: "checkboxes", options: previousTreatmentOptions },
    ],
  },
  {
    id: "treatment",
    fields: [{ name: "treatmentForm", kind: "radios", options: treatmentFormOptions }],
  },
  {
    id: "consent",
    fields: [
      { name: "commitment", kind: "consent" },
      { name: "consent", kind: "consent" },
    ],
  },
];

/** A step's answer fields: each field and the detail it may reveal (a date counts as one). */
export function answerFieldsOf(step: StepDef): string[] {
  return step.fields.flatMap((f) => [f.name, ...(f.detail ? [f.detail.field] : [])]);
}

/** Every answer field, in the journey's order. */
export const answerFields: string[] = steps.flatMap(answerFieldsOf);

export function stepById(id: string): StepDef | undefined {
  return steps.find((s) => s.id === id);
}
