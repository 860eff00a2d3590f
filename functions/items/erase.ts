/**
 * Deletion that deletes: an item and every row that names it go in one transaction, whatever its
 * status: its own rows, its secret, its deliveries, the notifications that mention it, and the
 * case details of its audit entries (the entries stay, unlinkable, so the hash chain verifies).
 * Used by retention (the scheduled sweep) and the office's "erase now"; `npm run offices -- erase`
 * runs the same statements (site/src/core/domain/items/erasure.ts). D1 keeps its Time Travel
 * history for 30 days (README, privacy page): after that, nothing.
 */
import { eraseItems, expiredItems } from "./store.ts";

/** Retention: every item past its date, whatever its status. */
export async function eraseExpired(db: D1Database, now: Date, limit = 200): Promise<number> {
  const expired = await expiredItems(db, now.toISOString(), limit);
  if (expired.length > 0) await eraseItems(db, expired);
  return expired.length;
}
