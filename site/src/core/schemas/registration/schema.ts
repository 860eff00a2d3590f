/**
 * ONE schema for a voluntary-treatment registration, used by the browser (validation island),
 * the Worker (the authority: every submission is validated again) and the tests. Built on
 * zod/mini so the island stays small. Every message is a UI string key ("reg.error.…"), so
 * both sides show the same localized text.
 *
 * Which communes exist is injected: the Worker passes the full list of administrative units,
 * the island passes the options of the page it validates.
 */
import * as z from "zod/mini";
import {
  answerFields,
  answerFieldsOf,
  drugOptions,
  durationOptions,
  methodOptions,
  previousTreatmentOptions,
  relationshipOptions,
  sexOptions,
  stepById,
  steps,
  treatmentFormOptions,
} from "./fields.ts";
import { ageOn, isoFromParts } from "../../domain/time/vietnam.ts";

export interface UnitLookup {
  provinceExists(code: string): boolean;
  /** The province of a commune, or undefined when the code is not a commune. */
  provinceOfCommune(code: string): string | undefined;
}

export interface RegistrationIssue {
  field: string;
  key: string;
}

// ---- normalizers: what people type on phones ----------------------------------------------
export const normalizeText = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim();
export const digitsOnly = (s: string) => s.replace(/[\s.\-]/g, "");
/** "+84 912 345 678", "0912.345.678" → "0912345678" */
export function normalizePhone(s: string): string {
  const d = digitsOnly(s);
  return d.startsWith("+84")
    ? `0${d.slice(3)}`
    : d.startsWith("84") && d.length === 11
      ? `0${d.slice(2)}`
      : d;
}
/** Mobile: 10 digits from 03, 05, 07, 08, 09; landline: 11 digits from 02. */
export const isVietnamesePhone = (p: string) => /^0[35789]\d{8}$/.test(p) || /^02\d{9}$/.test(p);
/** Names with diacritics, in any order, with spaces, hyphens, apostrophes and dots; no digits or symbols. */
const namePattern = /^[\p{L}\p{M}][\p{L}\p{M} '’.\-]*$/u;
/** Addresses: letters, digits and the punctuation addresses use; nothing that could be markup. */
const addressPattern = /^[\p{L}\p{M}\p{N} ,./\-'’()#]+$/u;

const str = () => z.string();
const text = (min: number, max: number, field: string, pattern: RegExp) =>
  str().check(
    z.overwrite(normalizeText),
    z.minLength(min, `reg.error.${field}.required`),
    z.maxLength(max, `reg.error.${field}.tooLong`),
    z.regex(pattern, `reg.error.${field}.characters`),
  );
const oneOf = <T extends readonly [string, ...string[]]>(values: T, field: string) =>
  z.enum(values, { error: `reg.error.${field}.required` });
const someOf = <T extends readonly [string, ...string[]]>(values: T, field: string) =>
  z
    .array(z.enum(values, { error: `reg.error.${field}.required` }))
    .check(z.minLength(1, `reg.error.${field}.required`));

/** The raw answers as forms send them: strings and lists of strings. */
export type RawAnswers = Record<string, string | string[] | undefined>;

function list(v: string | string[] | undefined): string[] {
  return v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v];
}
function one(v: string | string[] | undefined): string {
  return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
}

/** The shape the schema checks: lists made lists, the date of birth assembled from its parts. */
export function shapeAnswers(raw: RawAnswers): Record<string, unknown> {
  const shaped: Record<string, unknown> = {};
  for (const step of steps) {
    for (const f of step.fields) {
      if (f.kind === "date") {
        const day = one(raw[`${f.name}-day`]).trim(),
          month = one(raw[`${f.name}-month`]).trim(),
          year = one(raw[`${f.name}-year`]).trim();
        shaped[f.name] =
          day || month || year
            ? (isoFromParts(day, month, year) ?? `invalid:${day}/${month}/${year}`)
            : "";
      } else if (f.kind === "checkboxes") {
        shaped[f.name] = list(raw[f.name]);
      } else {
        shaped[f.name] = one(raw[f.name]);
      }
      if (f.detail) shaped[f.detail.field] = one(raw[f.detail.field]);
    }
  }
  return shaped;
}

export function registrationSchema(units: UnitLookup, now: () => Date = () => new Date()) {
  const dateOfBirth = str().check(
    z.minLength(1, "reg.error.dateOfBirth.required"),
    z.refine((v) => !v.startsWith("invalid:"), "reg.error.dateOfBirth.invalid"),
    z.refine(
      (v) =>
        v.startsWith("invalid:") ||
        v <= new Date(now().getTime() + 7 * 3600e3).toISOString().slice(0, 10),
      "reg.error.dateOfBirth.future",
    ),
    z.refine((v) => v.startsWith("invalid:") || v >= "1900-01-01", "reg.error.dateOfBirth.invalid"),
  );
  const personalId = (field: string) =>
    str().check(
      z.overwrite(digitsOnly),
      z.minLength(1, `reg.error.${field}.required`),
      z.regex(/^\d{12}$/, `reg.error.${field}.format`),
    );
  const phone = (field: string) =>
    str().check(
      z.overwrite(normalizePhone),
      z.refine((p) => p === "" || isVietnamesePhone(p), `reg.error.${field}.format`),
    );

  return z
    .object({
      registrant: z.enum(["self", "child"], { error: "reg.error.registrant.required" }),
      provinceCode: str().check(
        z.refine((c) => units.provinceExists(c), "reg.error.provinceCode.required"),
      ),
      communeCode: str().check(
        z.refine((c) => units.provinceOfCommune(c) !== undefined, "reg.error.communeCode.required"),
      ),
      fullName: text(2, 100, "fullName", namePattern),
      dateOfBirth,
      sex: oneOf(sexOptions, "sex"),
      personalId: personalId("personalId"),
      addressDetail: text(2, 200, "addressDetail", addressPattern),
      phone: phone("phone"),
      repName: z.optional(str()),
      repRelationship: z.optional(str()),
      repPersonalId: z.optional(str()),
      repPhone: z.optional(str()),
      drugs: someOf(drugOptions, "drugs"),
      drugsOther: z.optional(str().check(z.overwrite(normalizeText))),
      useDuration: oneOf(durationOptions, "useDuration"),
      useMethods: someOf(methodOptions, "useMethods"),
      previousTreatment: someOf(previousTreatmentOptions, "previousTreatment"),
      treatmentForm: oneOf(treatmentFormOptions, "treatmentForm"),
      commitment: z.literal("yes", { error: "reg.error.commitment.required" }),
      consent: z.literal("yes", { error: "reg.error.consent.required" }),
    })
    .check(
      z.superRefine((r, ctx) => {
        const issue = (field: string, key: string) =>
          ctx.issues.push({ code: "custom", path: [field], message: key, input: r });
        if (
          units.provinceExists(r.provinceCode) &&
          units.provinceOfCommune(r.communeCode) !== undefined &&
          units.provinceOfCommune(r.communeCode) !== r.provinceCode
        )
          issue("communeCode", "reg.error.communeCode.otherProvince");
        if (/^\d{4}-\d{2}-\d{2}$/.test(r.dateOfBirth)) {
          const age = ageOn(r.dateOfBirth, now());
          if (age < 12) issue("dateOfBirth", "reg.error.dateOfBirth.under12");
          else if (r.registrant === "self" && age < 18)
            issue("dateOfBirth", "reg.error.dateOfBirth.selfUnder18");
          else if (r.registrant === "child" && age >= 18)
            issue("dateOfBirth", "reg.error.dateOfBirth.childAdult");
        }
        // A legal representative is required exactly when the person is 12 to under 18.
        if (r.registrant === "child") {
          const name = normalizeText(r.repName ?? "");
          if (name.length < 2) issue("repName", "reg.error.repName.required");
          else if (name.length > 100) issue("repName", "reg.error.repName.tooLong");
          else if (!namePattern.test(name)) issue("repName", "reg.error.repName.characters");
          if (!(relationshipOptions as readonly string[]).includes(r.repRelationship ?? ""))
            issue("repRelationship", "reg.error.repRelationship.required");
          const id = digitsOnly(r.repPersonalId ?? "");
          if (id === "") issue("repPersonalId", "reg.error.repPersonalId.required");
          else if (!/^\d{12}$/.test(id)) issue("repPersonalId", "reg.error.repPersonalId.format");
          else if (id === r.personalId) issue("repPersonalId", "reg.error.repPersonalId.same");
          const p = normalizePhone(r.repPhone ?? "");
          if (p === "") issue("repPhone", "reg.error.repPhone.required");
          else if (!isVietnamesePhone(p)) issue("repPhone", "reg.error.repPhone.format");
        }
        if (r.drugs.includes("other")) {
          const other = r.drugsOther ?? "";
          if (other.length < 2) issue("drugsOther", "reg.error.drugsOther.required");
          else if (other.length > 100) issue("drugsOther", "reg.error.drugsOther.tooLong");
          else if (!addressPattern.test(other))
            issue("drugsOther", "reg.error.drugsOther.characters");
        }
        if (r.previousTreatment.includes("none") && r.previousTreatment.length > 1)
          issue("previousTreatment", "reg.error.previousTreatment.noneAndOther");
      }),
    );
}

export type RegistrationSchema = ReturnType<typeof registrationSchema>;
export type Registration = z.infer<RegistrationSchema>;

/** The fields of the steps up to and including `stepId` (the date of birth counts as one). */
export function fieldsThrough(stepId: string): Set<string> {
  const index = steps.findIndex((s) => s.id === stepId);
  return new Set(steps.slice(0, index + 1).flatMap(answerFieldsOf));
}

function issuesOf(
  error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] },
  allowed?: Set<string>,
): RegistrationIssue[] {
  const seen = new Set<string>();
  const issues: RegistrationIssue[] = [];
  for (const i of error.issues) {
    const field = String(i.path[0] ?? "");
    if (allowed && !allowed.has(field)) continue;
    if (seen.has(field)) continue; // one message per field: the first, most basic one
    seen.add(field);
    issues.push({
      field,
      key: i.message.startsWith("reg.error.") ? i.message : `reg.error.${field}.required`,
    });
  }
  // The page's order, so the error summary reads top to bottom.
  return issues.sort((a, b) => answerFields.indexOf(a.field) - answerFields.indexOf(b.field));
}

/** Validates a complete registration. */
export function validateRegistration(
  schema: RegistrationSchema,
  raw: RawAnswers,
): { ok: true; data: Registration } | { ok: false; issues: RegistrationIssue[] } {
  const result = schema.safeParse(shapeAnswers(raw));
  return result.success
    ? { ok: true, data: result.data }
    : { ok: false, issues: issuesOf(result.error) };
}

/** The issues of one step and the steps before it (later steps are not answered yet). */
export function issuesThrough(
  schema: RegistrationSchema,
  raw: RawAnswers,
  stepId: string,
): RegistrationIssue[] {
  const result = schema.safeParse(shapeAnswers(raw));
  return result.success ? [] : issuesOf(result.error, fieldsThrough(stepId));
}

/** The issues of exactly one step's fields. */
export function issuesOfStep(
  schema: RegistrationSchema,
  raw: RawAnswers,
  stepId: string,
): RegistrationIssue[] {
  const step = stepById(stepId);
  const own = new Set(step ? answerFieldsOf(step) : []);
  return issuesThrough(schema, raw, stepId).filter((i) => own.has(i.field));
}

/** The id control an error links to: the first box of a date, else the field itself. */
export function errorTarget(field: string): string {
  return field === "dateOfBirth" ? "dateOfBirth-day" : field;
}

/**
 * The personal ID's 4th digit encodes sex and century, the 5th and 6th the birth year (Circular
 * 59/2021/TT-BCA, secondary source). Used only to ask the person to double-check, never to refuse.
 */
export function idLooksInconsistent(personalId: string, dateOfBirth: string, sex: string): boolean {
  if (!/^\d{12}$/.test(personalId) || !/^\d{4}-/.test(dateOfBirth)) return false;
  const code = Number(personalId[3]);
  const year = Number(dateOfBirth.slice(0, 4));
  const century = year >= 2000 ? 2 : 0;
  const expected = century + (sex === "female" ? 1 : 0);
  return code !== expected || personalId.slice(4, 6) !== dateOfBirth.slice(2, 4);
}
