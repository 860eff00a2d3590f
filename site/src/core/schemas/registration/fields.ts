/**
 * THE FIELD LIST of a voluntary-treatment registration under Law 120/2025/QH15 and Decree
 * 163/2026/NĐ-CP: exactly what the two forms of the file ask (Decree 163 Art. 89.3, Annex V),
 * and the few questions the journey needs to route and explain (who registers, whether there is
 * an addiction determination, where the person lives). One file to correct when the official
 * forms are read (../shared/research/law-120-2025.md §2.5):
 *
 *   Mẫu 20  đơn xin đi cai nghiện ma túy tự nguyện (the request): 1. the writer (the person, or for
 *           12-17 a parent, guardian or legal representative), 2. the person, 3. the intended place
 *           of treatment and the home/community plan.
 *   Mẫu 33  bản tóm tắt lý lịch (the personal history): I. identity, education, occupation,
 *           workplace; II. parents (or legal representative), spouse, children; III. tiền án, tiền
 *           sự, drugs, how, first use, earlier treatment, after-care, compulsory treatment,
 *           substitution treatment.
 *
 * What the copy of the decree lost ([U], never guessed): Mẫu 20's checkbox table of places, its
 * home/community plan (3.2), and the signature blocks of both forms. They are listed in
 * `unknownParts` below, and every page that prints or explains the forms says so.
 *
 * Each step is one page of the journey; labels, hints and option texts are UI strings
 * ("reg.<field>.label", "reg.<field>.hint", "reg.<field>.option.<value>").
 */

/** Bumped when the field set changes: older pages and payloads are refused, never half-read. */
export const formVersion = "2";
/** The version of the encrypted payload (site/src/core/schemas/registration/payload.ts). */
export const payloadVersion = 2;

export type FieldKind =
  | "radios"
  | "checkboxes"
  | "text"
  | "textarea"
  | "tel"
  | "number"
  | "date"
  | "select-province"
  | "select-commune"
  | "consent";

/** Conditions on the answers so far (computed in domain/registration/journey.ts). */
export type Flag =
  | "child"
  | "adult"
  | "noResidence"
  | "stableResidence"
  | "noDetermination"
  | "determinationOld"
  | "treatedBefore"
  | "repeatTreatment"
  | "home"
  | "idWarning"
  | "acceptsOnline";

export type Condition = Flag | `!${Flag}`;

/** Which official form asks the question ("journey": needed to route or explain, not printed as such). */
export type FormRef = "20" | "33" | "20+33" | "journey";

export interface FieldDef {
  name: string;
  kind: FieldKind;
  form: FormRef;
  options?: readonly string[];
  /** Not required: "(optional)" is shown, and an empty answer prints as a blank line. */
  optional?: boolean;
  /** Asked only when this holds; otherwise not shown, not validated and not sent. */
  showWhen?: Condition;
  /** Autocomplete token, for browsers that can fill it (never on health answers). */
  autocomplete?: string;
  inputmode?: "numeric" | "tel" | "text";
  width?: "short" | "2" | "4";
  /** Only needed when the field named here has this answer (e.g. "other" drug → its name). */
  detailOf?: { field: string; option: string };
  /** Fields shown together under one legend (a parent, the spouse). */
  group?: string;
  maxLength?: number;
}

export interface StepDef {
  id: string;
  fields: FieldDef[];
  /** Only in the journey when this holds for the answers so far. */
  when?: Condition;
}

export const registrantOptions = ["self", "child", "under12"] as const;
export const yesNoOptions = ["yes", "no"] as const;
export const residenceOptions = ["stable", "none"] as const;
export const sexOptions = ["male", "female"] as const;
/** Mẫu 20's writer for a 12-17-year-old (Law 120 Art. 31.6; Decree 163 Art. 89.1.a). */
export const relationshipOptions = [
  "father",
  "mother",
  "guardian",
  "legal-representative",
] as const;
export const recordOptions = ["none", "yes", "unknown"] as const;
export const drugOptions = [
  "opioids",
  "methamphetamine",
  "cannabis",
  "ecstasy",
  "ketamine",
  "other",
  "unknown",
] as const;
export const methodOptions = ["smoke", "inject", "swallow", "sniff", "other", "unknown"] as const;
export const substitutionOptions = ["no", "current", "ended"] as const;
/** The places of voluntary treatment (Law 120 Art. 28.1, Art. 30.1; Mẫu 20 item 3.1). */
export const treatmentFormOptions = ["home", "public-facility", "private-facility"] as const;

const name = (n: string, form: FormRef, extra: Partial<FieldDef> = {}): FieldDef => ({
  name: n,
  kind: "text",
  form,
  autocomplete: "off",
  maxLength: 100,
  ...extra,
});
const date = (n: string, form: FormRef, extra: Partial<FieldDef> = {}): FieldDef => ({
  name: n,
  kind: "date",
  form,
  ...extra,
});
const personalId = (n: string, form: FormRef): FieldDef => ({
  name: n,
  kind: "text",
  form,
  inputmode: "numeric",
  width: "short",
  autocomplete: "off",
});
const place = (n: string, form: FormRef, extra: Partial<FieldDef> = {}): FieldDef => ({
  name: n,
  kind: "text",
  form,
  autocomplete: "off",
  maxLength: 200,
  ...extra,
});
const count = (n: string, extra: Partial<FieldDef> = {}): FieldDef => ({
  name: n,
  kind: "number",
  form: "33",
  inputmode: "numeric",
  width: "2",
  optional: true,
  ...extra,
});
/** One family member of Mẫu 33 part II: name, age, occupation, residence. */
const member = (prefix: string, showWhen?: Condition): FieldDef[] =>
  [
    name(`${prefix}Name`, "33", { optional: true }),
    count(`${prefix}Age`, { width: "2" }),
    place(`${prefix}Occupation`, "33", { optional: true, maxLength: 100 }),
    place(`${prefix}Address`, "33", { optional: true }),
  ].map((f) => ({ ...f, group: prefix, ...(showWhen ? { showWhen } : {}) }));

export const steps: StepDef[] = [
  {
    id: "who",
    fields: [{ name: "registrant", kind: "radios", form: "journey", options: registrantOptions }],
  },
  {
    id: "determination",
    fields: [
      { name: "determination", kind: "radios", form: "journey", options: yesNoOptions },
      date("determinationDate", "journey", { detailOf: { field: "determination", option: "yes" } }),
    ],
  },
  {
    id: "place",
    fields: [
      { name: "residence", kind: "radios", form: "journey", options: residenceOptions },
      { name: "provinceCode", kind: "select-province", form: "20+33" },
    ],
  },
  { id: "commune", fields: [{ name: "communeCode", kind: "select-commune", form: "20+33" }] },
  {
    id: "person",
    fields: [
      name("fullName", "20+33"),
      name("otherNames", "33", { optional: true }),
      date("dateOfBirth", "20+33"),
      { name: "sex", kind: "radios", form: "20+33", options: sexOptions },
      personalId("personalId", "20+33"),
      date("idIssueDate", "20+33", { optional: true }),
      place("idIssuePlace", "20+33", { optional: true, maxLength: 100 }),
      place("addressDetail", "20+33"),
      { name: "phone", kind: "tel", form: "20", optional: true, inputmode: "tel", width: "short" },
    ],
  },
  {
    id: "writer",
    when: "child",
    fields: [
      { name: "repRelationship", kind: "radios", form: "20", options: relationshipOptions },
      name("repName", "20", { autocomplete: "name" }),
      date("repDateOfBirth", "20"),
      { name: "repSex", kind: "radios", form: "20", options: sexOptions },
      personalId("repPersonalId", "20"),
      date("repIdIssueDate", "20", { optional: true }),
      place("repIdIssuePlace", "20", { optional: true, maxLength: 100 }),
      place("repAddress", "20"),
      { name: "repPhone", kind: "tel", form: "20", inputmode: "tel", width: "short" },
    ],
  },
  {
    id: "background",
    fields: [
      place("education", "33", { optional: true, maxLength: 100 }),
      place("occupation", "33", { optional: true, maxLength: 100 }),
      place("workplace", "33", { optional: true }),
    ],
  },
  {
    id: "family",
    fields: [
      ...member("father"),
      ...member("mother"),
      ...member("spouse", "adult"),
      {
        name: "children",
        kind: "textarea",
        form: "33",
        optional: true,
        showWhen: "adult",
        maxLength: 600,
      },
    ],
  },
  {
    id: "record",
    fields: [
      { name: "criminalRecord", kind: "radios", form: "33", options: recordOptions },
      place("criminalRecordDetail", "33", {
        detailOf: { field: "criminalRecord", option: "yes" },
        maxLength: 300,
      }),
      { name: "adminRecord", kind: "radios", form: "33", options: recordOptions },
      place("adminRecordDetail", "33", {
        detailOf: { field: "adminRecord", option: "yes" },
        maxLength: 300,
      }),
    ],
  },
  {
    id: "drug-use",
    fields: [
      { name: "drugs", kind: "checkboxes", form: "33", options: drugOptions },
      name("drugsOther", "33", { detailOf: { field: "drugs", option: "other" } }),
      { name: "useMethods", kind: "checkboxes", form: "33", options: methodOptions },
      count("firstUseYear", { width: "4" }),
    ],
  },
  {
    id: "treatment-history",
    fields: [
      { name: "treatedBefore", kind: "radios", form: "33", options: yesNoOptions },
      count("voluntaryTimes"),
      place("voluntaryPlaces", "33", { optional: true }),
      count("compulsoryTimes"),
      count("afterCareTimes"),
      { name: "substitution", kind: "radios", form: "33", options: substitutionOptions },
      date("substitutionEndDate", "33", {
        optional: true,
        detailOf: { field: "substitution", option: "ended" },
      }),
    ],
  },
  {
    id: "treatment",
    // Without a stable residence the law sets the place: a public facility (Law 120 Art. 34.1).
    when: "stableResidence",
    fields: [{ name: "treatmentForm", kind: "radios", form: "20", options: treatmentFormOptions }],
  },
  {
    id: "consent",
    fields: [
      { name: "commitment", kind: "consent", form: "journey" },
      { name: "consent", kind: "consent", form: "journey" },
    ],
  },
];

export const allFields: FieldDef[] = steps.flatMap((s) => s.fields);
const byName = new Map(allFields.map((f) => [f.name, f]));

export function fieldByName(name: string): FieldDef | undefined {
  return byName.get(name);
}

/** The form controls of a field (a date is entered as day, month and year). */
export function controlsOf(f: FieldDef): string[] {
  return f.kind === "date" ? [`${f.name}-day`, `${f.name}-month`, `${f.name}-year`] : [f.name];
}

export function stepById(id: string): StepDef | undefined {
  return steps.find((s) => s.id === id);
}
