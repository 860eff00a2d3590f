/** An SQL string literal, for the statements the office tool writes through `wrangler d1 execute`. */
export function sql(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number") return String(value);
  return `'${value.replace(/'/g, "''")}'`;
}
