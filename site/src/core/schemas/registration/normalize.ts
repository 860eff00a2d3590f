/**
 * What people type on phones, made comparable: names and addresses with stray spaces, numbers
 * with dots and spaces, dates in three boxes. Shared by the schema, the journey's conditions,
 * the payload and the print view, so every side reads an answer the same way.
 */
import { steps } from "./fields.ts";
import { isoFromParts } from "../../domain/time/vietnam.ts";

/** "  lò   văn  phềnh  " → "lò văn phềnh" (NFC; every run of white space becomes one space). */
export const normalizeText = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim();
/** Multi-line text (the children of Mẫu 33): each line normalized, empty lines dropped. */
export const normalizeLines = (s: string) =>
  s
    .normalize("NFC")
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
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
/** A small whole number typed in a box ("2", " 03 "), or undefined when empty or not a number. */
export function parseCount(s: string): number | undefined {
  const t = s.trim();
  return /^\d{1,4}$/.test(t) ? Number(t) : undefined;
}

/** The raw answers as forms send them: strings and lists of strings. */
export type RawAnswers = Record<string, string | string[] | undefined>;

export function one(v: string | string[] | undefined): string {
  return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
}
export function list(v: string | string[] | undefined): string[] {
  return v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v];
}

/** A date field from its three boxes: "YYYY-MM-DD", "" when empty, "invalid:d/m/y" when not a date. */
export function dateOf(raw: RawAnswers, name: string): string {
  const day = one(raw[`${name}-day`]).trim(),
    month = one(raw[`${name}-month`]).trim(),
    year = one(raw[`${name}-year`]).trim();
  if (!day && !month && !year) return "";
  return isoFromParts(day, month, year) ?? `invalid:${day}/${month}/${year}`;
}

/** A date as "YYYY-MM-DD" from a validated registration, or assembled from a draft's three boxes. */
export function dateValue(raw: RawAnswers, name: string): string {
  const direct = one(raw[name]);
  return /^\d{4}-\d{2}-\d{2}$/.test(direct) ? direct : dateOf(raw, name);
}

/** The shape the schema checks: lists made lists, dates assembled from their parts. */
export function shapeAnswers(raw: RawAnswers): Record<string, string | string[]> {
  const shaped: Record<string, string | string[]> = {};
  for (const step of steps)
    for (const f of step.fields)
      shaped[f.name] =
        f.kind === "date"
          ? dateOf(raw, f.name)
          : f.kind === "checkboxes"
            ? list(raw[f.name])
            : one(raw[f.name]);
  return shaped;
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
