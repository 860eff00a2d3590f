/**
 * Deletion that deletes: the statements that remove an item and every row that names it, in
 * order. The Worker runs them (retention, the office's "erase now"), and so does the
 * administrator's tool through wrangler (`npm run offices -- erase`): one list for both.
 */

/** Each kind's own tables, keyed by the item's reference (deleted before the item). */
export const itemOwnTables: Record<string, string[]> = {
  registration: ["registrations"],
};

/** The statements, with the item's reference as ?1. */
export function eraseSql(kind: string): string[] {
  const own = itemOwnTables[kind];
  if (!own) throw new Error(`unknown item kind ${kind}`);
  return [
    "DELETE FROM notifications WHERE id IN (SELECT notification_id FROM notification_items WHERE reference = ?1)",
    "DELETE FROM notification_items WHERE reference = ?1",
    "UPDATE audit_log SET reference = NULL, detail = NULL, subject_salt = NULL WHERE reference = ?1",
    "DELETE FROM deliveries WHERE reference = ?1",
    "DELETE FROM item_secrets WHERE reference = ?1",
    ...own.map((t) => `DELETE FROM ${t} WHERE reference = ?1`),
    "DELETE FROM items WHERE reference = ?1",
  ];
}
