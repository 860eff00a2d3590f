/** Dates in Vietnam time (UTC+7, no daylight saving): ages and deadlines are counted there. */
const offsetMs = 7 * 60 * 60 * 1000;

/** "YYYY-MM-DD" of the calendar day in Vietnam at `now`. */
export function vietnamDate(now: Date): string {
  return new Date(now.getTime() + offsetMs).toISOString().slice(0, 10);
}

/** Whole years from a date of birth ("YYYY-MM-DD") to the Vietnam calendar day of `now`. */
export function ageOn(dateOfBirth: string, now: Date): number {
  const [by, bm, bd] = dateOfBirth.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = vietnamDate(now).split("-").map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** A real calendar date (rejects 31/02) as "YYYY-MM-DD", or undefined. */
export function isoFromParts(day: string, month: string, year: string): string | undefined {
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return undefined;
  const d = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (
    d.getUTCFullYear() !== Number(year) ||
    d.getUTCMonth() !== Number(month) - 1 ||
    d.getUTCDate() !== Number(day)
  )
    return undefined;
  return d.toISOString().slice(0, 10);
}
