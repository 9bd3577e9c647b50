import { sql } from "kysely";
import type { Db } from "../../db/database.ts";

/**
 * Records, in the caller's transaction, that `customerId` must be pushed to
 * `crm` (coalescing into a pending push; reviving a dead one). Customer writes
 * need not call this: a trigger does it for every change of a synced customer
 * (migration 0004); this serves explicit re-pushes.
 */
export async function enqueuePush(
  db: Db,
  item: { accountId: number; customerId: number; crm: string },
): Promise<void> {
  await sql`select enqueue_push(${item.accountId}, ${item.customerId}, ${item.crm})`.execute(db);
}
