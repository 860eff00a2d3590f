/**
 * Dates as Vietnamese forms print them (dd/mm/yyyy), in every language: unambiguous for all
 * readers. Times are Vietnam time (UTC+7, no daylight saving). One module for the site, the
 * Worker and the islands.
 */
const vietnamOffsetMs = 7 * 60 * 60 * 1000;
const pad = (n: number | string) => String(n).padStart(2, "0");

/** "5", "6", "2011" → "05/06/2011" (as typed: the parts are not checked). */
export function formatDayMonthYear(day: string, month: string, year: string): string {
  return `${pad(day)}/${pad(month)}/${year}`;
}

/** "2026-11-25" (or an ISO timestamp's day) → "25/11/2026"; a Date by its UTC day. */
export function formatDate(value: Date | string): string {
  const iso = typeof value === "string" ? value.slice(0, 10) : value.toISOString().slice(0, 10);
  const [year, month, day] = iso.split("-") as [string, string, string];
  return formatDayMonthYear(day, month, year);
}

/** "2026-11" → "11/2026" */
export function formatMonth(yearMonth: string): string {
  const [year, month] = yearMonth.split("-");
  return `${month}/${year}`;
}

/** An ISO timestamp → "22/11/2026 15:04" in Vietnam time. */
export function formatDateTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + vietnamOffsetMs);
  return `${formatDate(d)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/**
 * The decision time: "23/11/2026 15:04" (24 hours after receipt); registrations from before the
 * change hold a date only.
 */
export function formatDue(dueBy: string): string {
  return dueBy.length > 10 ? formatDateTime(dueBy) : formatDate(dueBy);
}
