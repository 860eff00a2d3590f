/**
 * How an answer reads back to the family (check your answers) and to the officer: option labels,
 * place names, dates as dd/mm/yyyy. Shared by the Worker (no JavaScript) and the island, which
 * pass their own translator and what they know of place names.
 */
import { fieldByName, type FieldDef, type StepDef } from "../../schemas/registration/fields.ts";
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

export interface CheckRow {
  /** The slot and row name: a field, or "group-<name>" for a family member's four answers. */
  key: string;
  labelKey: string;
  fields: FieldDef[];
  /** Shown only when this holds (a field's condition, or "has:<field>" for a detail answer). */
  condition?: string;
}

/** The rows of a step on the check page: one per question, one per family member. */
export function checkRows(step: StepDef): CheckRow[] {
  const rows: CheckRow[] = [];
  for (const f of step.fields) {
    if (f.group) {
      const key = `group-${f.group}`;
      const row = rows.find((r) => r.key === key);
      if (row) row.fields.push(f);
      else rows.push({ key, labelKey: `reg.group.${f.group}`, fields: [f], condition: f.showWhen });
      continue;
    }
    rows.push({
      key: f.name,
      labelKey: `reg.${f.name}.label`,
      fields: [f],
      condition: f.showWhen ?? (f.detailOf ? `has:${f.name}` : undefined),
    });
  }
  return rows;
}

/** A row's answer: a question's, or a family member's name, age, occupation and residence. */
export function displayRow(
  row: CheckRow,
  raw: RawAnswers,
  t: Translate,
  places: PlaceNames,
): string {
  if (row.fields.length === 1) return displayAnswer(row.fields[0]!.name, raw, t, places);
  return row.fields
    .map((f) => {
      const value = displayAnswer(f.name, raw, t, places);
      return value && f.name.endsWith("Age") ? t("reg.check.age").replace("{age}", value) : value;
    })
    .filter(Boolean)
    .join(", ");
}

/** The check page row that shows a field (its "Change" button is change-<row>). */
export function rowKeyOf(field: string): string {
  const group = fieldByName(field)?.group;
  return group ? `group-${group}` : field;
}
