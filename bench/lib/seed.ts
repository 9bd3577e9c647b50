import { sql } from "kysely";
import { ensureDefaultAccount } from "../../src/accounts/account-service.ts";
import { bumpCustomerIdSequence } from "../../src/customers/customer-repository.ts";
import type { Db } from "../../src/db/database.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";
import { customerRecord } from "./customer-data.ts";

const TEXT_COLUMNS = [
  "firstName",
  "lastName",
  "companyName",
  "primaryEmail",
  "primaryPhone",
  "secondaryEmail",
  "secondaryPhone",
  "title",
  "reference",
  "reference1",
  "reference2",
  "reference3",
  "adContent",
  "campaign",
  "keyword",
  "landingPage",
  "medium",
  "source",
] as const;

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export interface SeedResult {
  accountId: number;
  count: number;
  /** Customers 0 … synced-1 are latched to Salesforce with sync Enabled: their writes enqueue a push. */
  synced: number;
}

/**
 * Migrates `db`, gives the default account `apiKey` and inserts `count`
 * customers in batches of `unnest` arrays (minutes faster than the API; the
 * seeding is not what is measured). The sync trigger's pushes for the synced
 * customers are cleared afterwards, so the queue starts empty.
 */
export async function seedLatchwork(
  db: Db,
  options: { count: number; apiKey: string; synced?: number; onProgress?: (done: number) => void },
): Promise<SeedResult> {
  await migrateToLatest(db);
  const { account } = await ensureDefaultAccount(db, options.apiKey);
  const synced = Math.min(options.synced ?? 0, options.count);
  const batch = 5000;
  for (let start = 0; start < options.count; start += batch) {
    const indexes = Array.from({ length: Math.min(batch, options.count - start) }, (_, k) => start + k);
    const records = indexes.map((i) => customerRecord(i, account.id));
    const columns = TEXT_COLUMNS.map((name) => sql`${records.map((r) => r[name])}::text[]`);
    await sql`
      insert into customers (id, account_id, status, currency, created_timestamp, modified_timestamp,
        salesforce_id, salesforce_synch_status, ${sql.join(TEXT_COLUMNS.map((name) => sql.ref(snake(name))))})
      select id, ${account.id}, 'Active', 'USD', ts, ts, sf, sfs, ${sql.join(TEXT_COLUMNS.map((name) => sql.ref(snake(name))))}
      from unnest(
        ${records.map((r) => r.id)}::bigint[],
        ${records.map((r) => r.createdTimestamp.toISOString())}::timestamptz[],
        ${indexes.map((i) => (i < synced ? salesforceId(i) : null))}::text[],
        ${indexes.map((i) => (i < synced ? "Enabled" : null))}::text[],
        ${sql.join(columns)}
      ) as t(id, ts, sf, sfs, ${sql.join(TEXT_COLUMNS.map((name) => sql.ref(snake(name))))})`.execute(db);
    options.onProgress?.(start + indexes.length);
  }
  await sql`delete from sync_outbox`.execute(db);
  await bumpCustomerIdSequence(db);
  // as after any bulk load (vacuumdb --analyze): statistics for the planner, and the visibility
  // map that index-only scans need (PostgreSQL's autovacuum would do it some time later; PGlite's
  // maintenance, src/db/pglite-maintenance.ts, within a minute of the server's start)
  await sql`vacuum analyze`.execute(db);
  return { accountId: account.id, count: options.count, synced };
}

/** A well-formed 18-character Account id; never checked, the bench runs without a worker. */
function salesforceId(i: number): string {
  return `001${String(i).padStart(12, "0")}AAA`;
}
