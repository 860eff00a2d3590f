/**
 * The province's monitoring figures: registrations by commune, month and form of treatment, and
 * the share decided by the decision time (24 hours after receipt; a date for registrations from before). Small counts are suppressed ("<5"), and where a
 * single cell of a list would be suppressed, the next smallest is too, so totals cannot reveal it.
 */
import { communeByCode } from "../../site/src/core/domain/admin-units/index.ts";
import { vietnamDate } from "../../site/src/core/domain/time/vietnam.ts";
import {
  suppressBelow,
  type Figures,
  type FiguresCell,
} from "../../site/src/core/schemas/office.ts";
import { figureRows, type FigureRow } from "../registration/store.ts";

function cells(
  rows: FigureRow[],
  keyOf: (r: FigureRow) => string,
  labelOf: (key: string) => string,
): FiguresCell[] {
  const groups = new Map<string, FigureRow[]>();
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
  const results = await figureRows(db, provinceCode);
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
