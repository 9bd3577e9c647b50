import { sql } from "kysely";
import type { Db } from "../../db/database.ts";

export interface ClaimedPush {
  id: number;
  accountId: number;
  customerId: number;
  crm: string;
  version: number;
  attempts: number;
}

/**
 * Claims up to `limit` due pushes for one CRM. `FOR UPDATE SKIP LOCKED` lets
 * any number of workers on one PostgreSQL claim disjoint rows without waiting;
 * a claim older than `leaseMs` (its worker died mid-batch) is claimable again.
 */
export async function claimPushes(
  db: Db,
  options: { crm: string; workerId: string; limit: number; leaseMs: number },
): Promise<ClaimedPush[]> {
  const result = await sql<ClaimedPush>`
    update sync_outbox set claimed_by = ${options.workerId}, claimed_at = now()
    where id in (
      select id from sync_outbox
      where crm = ${options.crm} and dead_at is null and available_at <= now()
        and (claimed_at is null or claimed_at < now() - make_interval(secs => ${options.leaseMs / 1000}))
      order by available_at, id
      limit ${options.limit}
      for update skip locked
    )
    returning id, account_id as "accountId", customer_id as "customerId", crm, version, attempts`.execute(db);
  return result.rows.map((row) => ({ ...row, id: Number(row.id), version: Number(row.version) }));
}
