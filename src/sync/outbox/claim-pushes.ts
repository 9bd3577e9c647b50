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

export interface ClaimOptions {
  crm: string;
  workerId: string;
  limit: number;
  /** A claim older than this belongs to a dead worker and is claimable again. */
  leaseMs: number;
  /**
   * Batching vendors (HubSpot 100, Salesforce 200 per call) are cheaper with
   * full batches: claim only once `fullBatch` pushes are due, or the oldest
   * has waited `lingerMs`. 0 claims whatever is due.
   */
  lingerMs?: number;
  fullBatch?: number;
}

/**
 * Claims up to `limit` due pushes for one CRM, in one statement.
 * `FOR UPDATE SKIP LOCKED` lets any number of workers on one PostgreSQL claim
 * disjoint rows without waiting. The age test uses `available_at`, which a
 * coalesced change does not move, so a customer edited non-stop still goes out.
 */
export async function claimPushes(db: Db, options: ClaimOptions): Promise<ClaimedPush[]> {
  const lingerSeconds = (options.lingerMs ?? 0) / 1000;
  const result = await sql<ClaimedPush>`
    with due as (
      select id, available_at from sync_outbox
      where crm = ${options.crm} and dead_at is null and available_at <= now()
        and (claimed_at is null or claimed_at < now() - make_interval(secs => ${options.leaseMs / 1000}))
      order by available_at, id
      limit ${options.limit}
      for update skip locked
    ), ready as (
      select 1 from due
      having count(*) >= ${options.fullBatch ?? 1} or min(available_at) <= now() - make_interval(secs => ${lingerSeconds})
    )
    update sync_outbox set claimed_by = ${options.workerId}, claimed_at = now()
    where id in (select id from due) and exists (select 1 from ready)
    returning id, account_id as "accountId", customer_id as "customerId", crm, version, attempts`.execute(db);
  return result.rows.map((row) => ({ ...row, id: Number(row.id), version: Number(row.version) }));
}
