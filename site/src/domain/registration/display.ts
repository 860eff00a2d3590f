/**
 * How an answer reads back to the family (check your answers) and to the officer: option labels,
 * place names, dates as dd/mm/yyyy. Shared by the Worker (no JavaScript) and the island, which
 * pass their own translator and what they know of place names.
 */
import { fieldByName } from "../../schemas/registration/fields.ts";
import { dateValue, list, one, type RawAnswers } from "../../schemas/registration/normalize.ts";

export type Translate = (key: string) => string;

export interface PlaceNames {
  province: (code: string) => string | undefined;
  commune: (code: string) => string | undefined;
}

/** "2026-11-25" → "25/11/2026"; a half-typed date shows as typed. */
export function dayMonthYear(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split("-");
  return `${d}/${m}/${y}`;
}

export function displayAnswer(
  field: string,
  raw: RawAnswers,
  t: Translate,
  places: PlaceNames,
): string {
  const f = fieldByName(field);
  if (!f) return "";
  const option = (value: string) => t(`reg.${field}.option.${value}`);
  if (f.kind === "date") {
    const value = dateValue(raw, field);
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return dayMonthYear(value);
    return value.startsWith("invalid:") ? value.slice("invalid:".length) : "";
  }
  if (f.kind === "checkboxes") return list(raw[field]).map(option).join("; ");
  const text = one(raw[field]).normalize("NFC").trim();
  if (!text) return "";
  if (f.kind === "radios") return option(text);
  if (f.kind === "select-province") return places.province(text) ?? text;
  if (f.kind === "select-commune") return places.commune(text) ?? text;
  if (f.kind === "consent") return text === "yes" ? t("reg.check.agreed") : "";
  if (f.kind === "textarea")
    return text
      .split(/\r?\n/)
      .map((l) => l.replace(/\s+/g, " ").trim())
      .filter(Boolean)
      .join("; ");
  return text.replace(/\s+/g, " ");
}
