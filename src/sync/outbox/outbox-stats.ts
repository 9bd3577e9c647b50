import { sql } from "kysely";
import type { Db } from "../../db/database.ts";

export interface OutboxStats {
  crm: string;
  pending: number;
  dead: number;
  /** Age in seconds of the oldest pending change, 0 when none. */
  oldestPendingSeconds: number;
}

/** Queue depth, dead letters and age per CRM (one account, or all when `accountId` is undefined). */
export async function outboxStats(db: Db, accountId?: number): Promise<OutboxStats[]> {
  let query = db
    .selectFrom("syncOutbox")
    .select((eb) => [
      "crm",
      eb.fn.count<number>("id").filterWhere("deadAt", "is", null).as("pending"),
      eb.fn.count<number>("id").filterWhere("deadAt", "is not", null).as("dead"),
      sql<number>`coalesce(extract(epoch from now() - min(enqueued_at) filter (where dead_at is null)), 0)`.as(
        "oldestPendingSeconds",
      ),
    ])
    .groupBy("crm")
    .orderBy("crm");
  if (accountId !== undefined) query = query.where("accountId", "=", accountId);
  const rows = await query.execute();
  return rows.map((row) => ({
    crm: row.crm,
    pending: Number(row.pending),
    dead: Number(row.dead),
    oldestPendingSeconds: Number(row.oldestPendingSeconds),
  }));
}
