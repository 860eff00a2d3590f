/**
 * The province's monitoring figures: registrations by commune, month and form of treatment, and
 * the share decided by the decision time (24 hours after receipt; a date for registrations from before). Small counts are suppressed ("<5"), and where a
 * single cell of a list would be suppressed, the next smallest is too, so totals cannot reveal it.
 */
import { communeByCode } from "../../site/src/domain/admin-units/index.ts";
import { vietnamDate } from "../../site/src/domain/time/vietnam.ts";

export const suppressBelow = 5;

interface Row {
  commune_code: string;
  submitted_at: string;
  treatment_form: string;
  decided_at: string | null;
  due_by: string;
}
export interface Cell {
  key: string;
  label: string;
  count: number | null;
  decidedOnTimeShare: number | null;
  suppressed: boolean;
}
export interface Figures {
  provinceCode: string;
  generatedAt: string;
  total: number;
  byCommune: Cell[];
  byMonth: Cell[];
  byTreatmentForm: Cell[];
}

function cells(rows: Row[], keyOf: (r: Row) => string, labelOf: (key: string) => string): Cell[] {
  const groups = new Map<string, Row[]>();
  for (const r of rows) groups.set(keyOf(r), [...(groups.get(keyOf(r)) ?? []), r]);
  const list = [...groups.entries()]
    .map(([key, rs]) => {
      // due_by is a time (24 hours after receipt); older rows hold the last day only.
      const onTime = rs.filter(
        (r) =>
          r.decided_at &&
          (r.due_by.length > 10
            ? r.decided_at <= r.due_by
            : vietnamDate(new Date(r.decided_at)) <= r.due_by),
      ).length;
      return {
        key,
        label: labelOf(key),
        count: rs.length,
        decidedOnTimeShare: Math.round((onTime / rs.length) * 100) / 100,
        suppressed: false,
      };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
  for (const c of list) c.suppressed = c.count < suppressBelow;
  // Complementary suppression: one hidden cell could be worked out from the total.
  if (list.filter((c) => c.suppressed).length === 1) {
    const next = list.filter((c) => !c.suppressed).sort((a, b) => a.count - b.count)[0];
    if (next) next.suppressed = true;
  }
  return list.map((c) => (c.suppressed ? { ...c, count: null, decidedOnTimeShare: null } : c));
}

export async function provinceFigures(
  db: D1Database,
  provinceCode: string,
  now = new Date(),
): Promise<Figures> {
  const { results } = await db
    .prepare(
      `SELECT i.commune_code, i.created_at AS submitted_at, r.treatment_form, r.decided_at, r.due_by
         FROM items i JOIN registrations r ON r.reference = i.reference WHERE i.province_code = ?`,
    )
    .bind(provinceCode)
    .all<Row>();
  return {
    provinceCode,
    generatedAt: now.toISOString(),
    total: results.length,
    byCommune: cells(
      results,
      (r) => r.commune_code,
      (k) => communeByCode(k)?.name ?? k,
    ),
    byMonth: cells(
      results,
      (r) => vietnamDate(new Date(r.submitted_at)).slice(0, 7),
      (k) => k,
    ),
    byTreatmentForm: cells(
      results,
      (r) => r.treatment_form,
      (k) => k,
    ),
  };
}

export function figuresCsv(f: Figures): string {
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const lines = ["dimension,key,label,registrations,share_decided_within_3_working_days"];
  for (const [dimension, list] of [
    ["commune", f.byCommune],
    ["month", f.byMonth],
    ["treatment_form", f.byTreatmentForm],
  ] as const) {
    for (const c of list)
      lines.push(
        [
          dimension,
          c.key,
          quote(c.label),
          c.suppressed ? `"<${suppressBelow}"` : String(c.count),
          c.suppressed ? "" : String(c.decidedOnTimeShare),
        ].join(","),
      );
  }
  lines.push(
    [
      "total",
      "",
      quote(f.provinceCode),
      f.total < suppressBelow ? `"<${suppressBelow}"` : String(f.total),
      "",
    ].join(","),
  );
  return lines.join("\r\n") + "\r\n";
}
