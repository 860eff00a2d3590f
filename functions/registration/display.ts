/** How an answer reads on the check page (and in the office's view): labels, names, dates. */
import { t, type Lang, type StringKey } from "../http/i18n.ts";
import { communeByCode, provinceByCode } from "../../site/src/core/domain/admin-units/index.ts";
import { steps } from "../../site/src/core/schemas/registration/fields.ts";
import { formatDayMonthYear } from "../../site/src/core/format/dates.ts";
import type { RawAnswers } from "../../site/src/core/schemas/registration/schema.ts";

const kindOf = new Map(steps.flatMap((s) => s.fields.map((f) => [f.name, f.kind] as const)));

function one(v: string | string[] | undefined): string {
  return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
}

export function displayAnswer(lang: Lang, field: string, answers: RawAnswers): string {
  const kind = kindOf.get(field);
  const option = (value: string) => t(lang, `reg.${field}.option.${value}` as StringKey);
  if (kind === "date") {
    const [d, m, y] = ["day", "month", "year"].map((p) => one(answers[`${field}-${p}`]).trim());
    return d && m && y ? formatDayMonthYear(d, m, y) : "";
  }
  const value = answers[field];
  if (kind === "checkboxes")
    return (Array.isArray(value) ? value : value ? [value] : []).map(option).join("; ");
  const text = one(value).trim();
  if (!text) return "";
  if (kind === "radios") return option(text);
  if (kind === "select-province") return provinceByCode(text)?.name ?? text;
  if (kind === "select-commune") return communeByCode(text)?.name ?? text;
  return text.normalize("NFC");
}
