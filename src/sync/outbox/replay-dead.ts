import { sql } from "kysely";
import type { Db } from "../../db/database.ts";

/** Puts an account's dead-lettered pushes (all, or those of `crm`) back in the queue; returns how many. */
export async function replayDeadPushes(db: Db, accountId: number, crm?: string): Promise<number> {
  let query = db
    .updateTable("syncOutbox")
    .set({ deadAt: null, attempts: 0, availableAt: sql`now()` })
    .where("accountId", "=", accountId)
    .where("deadAt", "is not", null);
  if (crm) query = query.where("crm", "=", crm);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
