/** The feedback table in D1: what readers report as wrong on a page (no personal data is asked for). */

export async function insertFeedback(
  db: D1Database,
  f: { page: string; message: string; lang: string },
): Promise<void> {
  await db
    .prepare("INSERT INTO feedback (page, message, lang) VALUES (?, ?, ?)")
    .bind(f.page, f.message, f.lang)
    .run();
}
