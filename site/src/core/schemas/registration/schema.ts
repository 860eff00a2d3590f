/**
 * ONE schema for a voluntary-treatment registration (Mẫu 20 + Mẫu 33), used by the browser
 * (island), the Worker (the authority: every step and every submission is validated again) and
 * the tests. Built on zod/mini so the island stays small. Every message is a UI string key
 * ("reg.error.…"), so both sides show the same localized text.
 *
 * Each field has its own schema, and the links between answers ("for myself, 18 or over" with a
 * 2012 birth date; "never treated" with "compulsory treatment before") are rules attached to the
 * field where the later answer is given. So each step is checked on its own page, against what
 * was answered before it, and nothing is left to surface after the consent step.
 *
 * Which communes exist is injected: the Worker passes the full list of administrative units,
 * the island passes what its page knows.
 */
import * as z from "zod/mini";
import {
  allFields,
  drugOptions,
  fieldByName,
  methodOptions,
  recordOptions,
  registrantOptions,
  relationshipOptions,
  residenceOptions,
  sexOptions,
  steps,
  substitutionOptions,
  treatmentFormOptions,
  yesNoOptions,
  type FieldDef,
} from "./fields.ts";
import {
  digitsOnly,
  isVietnamesePhone,
  normalizeLines,
  normalizePhone,
  normalizeText,
  parseCount,
  shapeAnswers,
  type RawAnswers,
} from "./normalize.ts";
import {
  fieldApplies,
  flagsOf,
  journeySteps,
  type Flags,
} from "../../domain/registration/journey.ts";
import { ageOn, vietnamDate } from "../../domain/time/vietnam.ts";

export type { RawAnswers } from "./normalize.ts";

export interface UnitLookup {
  provinceExists(code: string): boolean;
  /** The province of a commune, or undefined when the code is not a commune. */
  provinceOfCommune(code: string): string | undefined;
}

export interface RegistrationIssue {
  field: string;
  key: string;
}

/** Names with diacritics, in any order, with spaces, hyphens, apostrophes and dots; no digits or symbols. */
const namePattern = /^[\p{L}\p{M}][\p{L}\p{M} '’.\-]*$/u;
/** Addresses and short texts: letters, digits and the punctuation addresses use; nothing that could be markup. */
const textPattern = /^[\p{L}\p{M}\p{N} ,./\-'’()#:]+$/u;
/** The children of Mẫu 33: the same, one person a line. */
const linesPattern = /^[\p{L}\p{M}\p{N} ,./\-'’()#:\n]+$/u;

type Value = string | string[];
type FieldSchema = z.ZodMiniType<unknown, Value>;

const str = () => z.string();
const required = (field: string) => z.minLength(1, `reg.error.${field}.required`);

/** Fields that hold a person's name (letters only); other text fields take addresses and notes. */
const nameFields = new Set([
  "fullName",
  "otherNames",
  "repName",
  "fatherName",
  "motherName",
  "spouseName",
]);

function text(field: string, f: FieldDef): FieldSchema {
  const kind = nameFields.has(field) ? "name" : "text";
  const pattern =
    f.kind === "textarea" ? linesPattern : kind === "name" ? namePattern : textPattern;
  return str().check(
    z.overwrite(f.kind === "textarea" ? normalizeLines : normalizeText),
    ...(f.optional ? [] : [z.minLength(f.detailOf ? 1 : 2, `reg.error.${field}.required`)]),
    z.maxLength(f.maxLength ?? 100, `reg.error.${kind}.tooLong`),
    z.refine((v) => v === "" || pattern.test(v), `reg.error.${kind}.characters`),
  ) as unknown as FieldSchema;
}

function oneOf(values: readonly [string, ...string[]], field: string): FieldSchema {
  return z.enum(values, { error: `reg.error.${field}.required` }) as unknown as FieldSchema;
}

function someOf(values: readonly [string, ...string[]], field: string): FieldSchema {
  return z
    .array(z.enum(values, { error: `reg.error.${field}.required` }))
    .check(z.minLength(1, `reg.error.${field}.required`)) as unknown as FieldSchema;
}

function dateSchema(field: string, optional: boolean, now: () => Date): FieldSchema {
  return str().check(
    ...(optional ? [] : [required(field)]),
    z.refine((v) => !v.startsWith("invalid:"), `reg.error.${field}.invalid`),
    z.refine(
      (v) => v === "" || v.startsWith("invalid:") || v <= vietnamDate(now()),
      `reg.error.${field}.future`,
    ),
    z.refine(
      (v) => v === "" || v.startsWith("invalid:") || v >= "1900-01-01",
      `reg.error.${field}.invalid`,
    ),
  ) as unknown as FieldSchema;
}

function personalIdSchema(field: string): FieldSchema {
  return str().check(
    z.overwrite(digitsOnly),
    required(field),
    z.regex(/^\d{12}$/, `reg.error.${field}.format`),
  ) as unknown as FieldSchema;
}

function phoneSchema(field: string, optional: boolean): FieldSchema {
  return str().check(
    z.overwrite(normalizePhone),
    ...(optional ? [] : [required(field)]),
    z.refine((p) => p === "" || isVietnamesePhone(p), `reg.error.${field}.format`),
  ) as unknown as FieldSchema;
}

function countSchema(max: number, key: string): FieldSchema {
  return str().check(
    z.overwrite((s) => s.trim()),
    z.refine((s) => s === "" || (parseCount(s) !== undefined && parseCount(s)! <= max), key),
  ) as unknown as FieldSchema;
}

const consent = (field: string): FieldSchema =>
  z.literal("yes", { error: `reg.error.${field}.required` }) as unknown as FieldSchema;

/** The schema of each field on its own. */
export function fieldSchemas(
  units: UnitLookup,
  now: () => Date = () => new Date(),
): Record<string, FieldSchema> {
  const s: Record<string, FieldSchema> = {};
  for (const f of allFields) {
    const n = f.name;
    if (f.kind === "date") s[n] = dateSchema(n, f.optional ?? false, now);
    else if (f.kind === "tel") s[n] = phoneSchema(n, f.optional ?? false);
    else if (f.kind === "consent") s[n] = consent(n);
    else if (f.kind === "number")
      s[n] =
        n === "firstUseYear"
          ? str().check(
              z.overwrite((v) => v.trim()),
              z.refine((v) => v === "" || /^\d{4}$/.test(v), "reg.error.firstUseYear.format"),
            )
          : n.endsWith("Age")
            ? countSchema(130, "reg.error.age.format")
            : countSchema(99, "reg.error.count.format");
    else if (f.kind === "text" || f.kind === "textarea") s[n] = text(n, f);
  }
  s.personalId = personalIdSchema("personalId");
  s.repPersonalId = personalIdSchema("repPersonalId");
  s.registrant = oneOf(registrantOptions, "registrant");
  s.determination = oneOf(yesNoOptions, "determination");
  s.residence = oneOf(residenceOptions, "residence");
  s.provinceCode = str().check(
    z.refine((c) => units.provinceExists(c), "reg.error.provinceCode.required"),
  ) as unknown as FieldSchema;
  s.communeCode = str().check(
    z.refine((c) => units.provinceOfCommune(c) !== undefined, "reg.error.communeCode.required"),
  ) as unknown as FieldSchema;
  s.sex = oneOf(sexOptions, "sex");
  s.repSex = oneOf(sexOptions, "repSex");
  s.repRelationship = oneOf(relationshipOptions, "repRelationship");
  s.criminalRecord = oneOf(recordOptions, "criminalRecord");
  s.adminRecord = oneOf(recordOptions, "adminRecord");
  s.drugs = someOf(drugOptions, "drugs");
  s.useMethods = someOf(methodOptions, "useMethods");
  s.treatedBefore = oneOf(yesNoOptions, "treatedBefore");
  s.substitution = oneOf(substitutionOptions, "substitution");
  s.treatmentForm = oneOf(treatmentFormOptions, "treatmentForm");
  return s;
}

const isDate = (v: unknown): v is string => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v);

/**
 * The links between answers, each reported on the field where the later answer is given. A rule
 * is checked only when the answers it compares are themselves valid.
 */
function linkIssue(
  field: string,
  v: Record<string, Value>,
  units: UnitLookup,
  flags: Flags,
  now: Date,
): string | undefined {
  const s = (name: string) => (typeof v[name] === "string" ? (v[name] as string) : "");
  const count = (name: string) => parseCount(s(name)) ?? 0;
  switch (field) {
    case "communeCode": {
      const p = units.provinceOfCommune(s("communeCode"));
      if (units.provinceExists(s("provinceCode")) && p !== undefined && p !== s("provinceCode"))
        return "reg.error.communeCode.otherProvince";
      return;
    }
    case "dateOfBirth": {
      if (!isDate(v.dateOfBirth)) return;
      const age = ageOn(v.dateOfBirth, now);
      if (age < 12) return "reg.error.dateOfBirth.under12";
      if (flags.adult && age < 18) return "reg.error.dateOfBirth.selfUnder18";
      if (flags.child && age >= 18) return "reg.error.dateOfBirth.childAdult";
      return;
    }
    case "idIssueDate":
    case "repIdIssueDate": {
      const birth = field === "idIssueDate" ? v.dateOfBirth : v.repDateOfBirth;
      if (isDate(v[field]) && isDate(birth) && v[field] < birth)
        return `reg.error.${field}.beforeBirth`;
      return;
    }
    case "repDateOfBirth":
      if (isDate(v.repDateOfBirth) && isDate(v.dateOfBirth) && v.repDateOfBirth >= v.dateOfBirth)
        return "reg.error.repDateOfBirth.notOlder";
      return;
    case "repPersonalId":
      if (digitsOnly(s("repPersonalId")) === digitsOnly(s("personalId")))
        return "reg.error.repPersonalId.same";
      return;
    case "fatherName":
    case "motherName":
    case "spouseName": {
      const group = field.slice(0, -4);
      const rest = ["Age", "Occupation", "Address"].some((p) => s(`${group}${p}`).trim() !== "");
      if (rest && s(field).trim() === "") return `reg.error.${field}.required`;
      return;
    }
    case "firstUseYear": {
      if (!/^\d{4}$/.test(s("firstUseYear"))) return;
      const year = Number(s("firstUseYear"));
      if (year > Number(vietnamDate(now).slice(0, 4))) return "reg.error.firstUseYear.future";
      if (isDate(v.dateOfBirth) && year < Number(v.dateOfBirth.slice(0, 4)))
        return "reg.error.firstUseYear.beforeBirth";
      return;
    }
    // Treatment history: one consistent story, checked where each number is typed.
    case "voluntaryTimes":
      if (s("treatedBefore") === "no" && count("voluntaryTimes") > 0)
        return "reg.error.voluntaryTimes.neverTreated";
      if (s("treatedBefore") === "yes" && count("voluntaryTimes") + count("compulsoryTimes") === 0)
        return "reg.error.voluntaryTimes.noneGiven";
      return;
    case "compulsoryTimes":
      if (s("treatedBefore") === "no" && count("compulsoryTimes") > 0)
        return "reg.error.compulsoryTimes.neverTreated";
      return;
    case "afterCareTimes":
      if (
        count("afterCareTimes") > 0 &&
        s("treatedBefore") === "no" &&
        (s("substitution") === "no" || s("substitution") === "")
      )
        return "reg.error.afterCareTimes.neverTreated";
      return;
  }
  return;
}

/** Whether a field is asked for these answers (its step's and its own conditions, its option). */
function isAsked(f: FieldDef, v: Record<string, Value>, flags: Flags): boolean {
  if (!fieldApplies(f, flags)) return false;
  if (f.detailOf) {
    const parent = v[f.detailOf.field];
    const chosen = Array.isArray(parent) ? parent : [parent];
    return chosen.includes(f.detailOf.option);
  }
  return true;
}

export interface RegistrationValidator {
  units: UnitLookup;
  now: () => Date;
  schemas: Record<string, FieldSchema>;
}

export function registrationSchema(
  units: UnitLookup,
  now: () => Date = () => new Date(),
): RegistrationValidator {
  return { units, now, schemas: fieldSchemas(units, now) };
}

/** The answer the schema leaves for a field (normalized), or its issue. */
function checkField(
  validator: RegistrationValidator,
  f: FieldDef,
  shaped: Record<string, Value>,
  flags: Flags,
): { value: Value } | { key: string } {
  const result = validator.schemas[f.name]!.safeParse(shaped[f.name]);
  if (!result.success) {
    const message = result.error.issues[0]?.message ?? "";
    return { key: message.startsWith("reg.error.") ? message : `reg.error.${f.name}.required` };
  }
  const normalized = { ...shaped, [f.name]: result.data as Value };
  const link = linkIssue(f.name, normalized, validator.units, flags, validator.now());
  return link ? { key: link } : { value: result.data as Value };
}

function order(issues: RegistrationIssue[]): RegistrationIssue[] {
  const names = allFields.map((f) => f.name);
  return issues.sort((a, b) => names.indexOf(a.field) - names.indexOf(b.field));
}

/** The issues of exactly one step's fields, checked against the answers before it. */
export function issuesOfStep(
  validator: RegistrationValidator,
  raw: RawAnswers,
  stepId: string,
): RegistrationIssue[] {
  const step = steps.find((s) => s.id === stepId);
  if (!step) return [];
  const shaped = shapeAnswers(raw);
  const flags = flagsOf(raw, { now: validator.now() });
  const issues: RegistrationIssue[] = [];
  for (const f of step.fields) {
    if (!isAsked(f, shaped, flags)) continue;
    // The who step also accepts "under 12": the journey then explains, instead of a form.
    const checked = checkField(validator, f, shaped, flags);
    if ("key" in checked) issues.push({ field: f.name, key: checked.key });
  }
  return order(issues);
}

/** The first step of this journey, up to and including `stepId`, that has issues. */
export function firstStepWithIssues(
  validator: RegistrationValidator,
  raw: RawAnswers,
  throughStepId?: string,
): { stepId: string; issues: RegistrationIssue[] } | undefined {
  for (const step of journeySteps(raw)) {
    const issues = issuesOfStep(validator, raw, step.id);
    if (issues.length) return { stepId: step.id, issues };
    if (step.id === throughStepId) return;
  }
  return;
}

/** A complete, valid registration: normalized answers, only those this person's journey asks. */
export interface Registration {
  [field: string]: string | string[];
}

/** Validates a complete registration. */
export function validateRegistration(
  validator: RegistrationValidator,
  raw: RawAnswers,
): { ok: true; data: Registration } | { ok: false; issues: RegistrationIssue[] } {
  const shaped = shapeAnswers(raw);
  const flags = flagsOf(raw, { now: validator.now() });
  const issues: RegistrationIssue[] = [];
  const data: Registration = {};
  if (shaped.registrant === "under12")
    issues.push({ field: "registrant", key: "reg.error.registrant.under12" });
  for (const step of journeySteps(raw, flags))
    for (const f of step.fields) {
      if (!isAsked(f, shaped, flags)) continue;
      const checked = checkField(validator, f, shaped, flags);
      if ("key" in checked) issues.push({ field: f.name, key: checked.key });
      else data[f.name] = checked.value;
    }
  return issues.length ? { ok: false, issues: order(issues) } : { ok: true, data };
}

/** The id of the control an error links to: the first box of a date, else the field itself. */
export function errorTarget(field: string): string {
  return fieldByName(field)?.kind === "date" ? `${field}-day` : field;
}
