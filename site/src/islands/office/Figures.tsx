/** The province's anonymous figures, with small counts suppressed, and the CSV export. */
import { useEffect, useState } from "preact/hooks";
import { get } from "./api.ts";
import {
  suppressBelow,
  type Figures as FiguresData,
  type FiguresCell,
} from "../../core/schemas/office.ts";
import { formatMonth } from "../../core/format/dates.ts";
import type { Translate } from "../../core/format/interpolate.ts";

function Table({
  caption,
  cells,
  t,
  labelOf,
}: {
  caption: string;
  cells: FiguresCell[];
  t: Translate;
  labelOf: (c: FiguresCell) => string;
}) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col"></th>
          <th scope="col">{t("office.figures.count")}</th>
          <th scope="col">{t("office.figures.onTime")}</th>
        </tr>
      </thead>
      <tbody>
        {cells.map((c) => (
          <tr data-key={c.key}>
            <th scope="row">{labelOf(c)}</th>
            <td>{c.suppressed ? t("office.figures.suppressed") : c.count}</td>
            <td>
              {c.suppressed || c.decidedOnTimeShare === null
                ? "—"
                : `${Math.round(c.decidedOnTimeShare * 100)}%`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Figures({ t, onSessionEnded }: { t: Translate; onSessionEnded: () => void }) {
  const [data, setData] = useState<FiguresData | null>(null);
  useEffect(() => {
    get<FiguresData>("/figures")
      .then(setData)
      .catch(() => onSessionEnded());
  }, []);
  if (!data) return <p role="status">…</p>;
  return (
    <section aria-labelledby="figures-heading">
      <h2 id="figures-heading">{t("office.figuresHeading")}</h2>
      <p>{t("office.figuresLede")}</p>
      <p data-total>
        {t("office.figures.total", {
          total: data.total < suppressBelow ? t("office.figures.suppressed") : data.total,
        })}
      </p>
      {data.total === 0 ? (
        <p>{t("office.figures.none")}</p>
      ) : (
        <>
          <Table
            caption={t("office.figures.byCommune")}
            cells={data.byCommune}
            t={t}
            labelOf={(c) => c.label}
          />
          <Table
            caption={t("office.figures.byMonth")}
            cells={data.byMonth}
            t={t}
            labelOf={(c) => formatMonth(c.key)}
          />
          <Table
            caption={t("office.figures.byForm")}
            cells={data.byTreatmentForm}
            t={t}
            labelOf={(c) => t(`reg.treatmentForm.option.${c.key}`)}
          />
        </>
      )}
      <p>
        <a href="/api/office/figures.csv" download>
          {t("office.figures.csv")}
        </a>
      </p>
    </section>
  );
}
