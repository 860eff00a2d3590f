/** What the health check asks D1: how many migrations are applied (an answer at all means it is up). */

export async function appliedMigrations(db: D1Database): Promise<number> {
  const row = await db
    .prepare("SELECT COUNT(*) AS migrations FROM d1_migrations")
    .first<{ migrations: number }>();
  return row?.migrations ?? 0;
}
