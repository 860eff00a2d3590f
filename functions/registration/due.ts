/** The decision time as families and officers read it, in Vietnam time. */
import { formatIsoDate, formatVietnamDateTime } from "../../site/src/domain/time/vietnam.ts";

/** "23/11/2026 15:04" (24 hours after receipt); registrations from before the change hold a date only. */
export function formatDue(dueBy: string): string {
  return dueBy.length > 10 ? formatVietnamDateTime(dueBy) : formatIsoDate(dueBy);
}
