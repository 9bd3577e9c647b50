import { type Kysely, type Migration, Migrator } from "kysely";
import * as initial from "./migrations/0001-initial.ts";
import * as crmLinks from "./migrations/0002-crm-links.ts";
import * as customerListIndexes from "./migrations/0002-customer-list-indexes.ts";
import * as syncOutbox from "./migrations/0003-sync-outbox.ts";
import * as syncTrigger from "./migrations/0004-sync-trigger.ts";
import * as rateLimitBuckets from "./migrations/0005-rate-limit-buckets.ts";
import * as syncState from "./migrations/0006-sync-state.ts";
import * as connectionHealth from "./migrations/0007-connection-health.ts";
import * as customerCounts from "./migrations/0008-customer-counts.ts";
import * as coveringNameIndexes from "./migrations/0009-covering-name-indexes.ts";
import * as accountMode from "./migrations/0010-account-mode.ts";

/** Every migration, in order. Adding one: a new file in ./migrations and a line here. */
const migrations: Record<string, Migration> = {
  "0001-initial": initial,
  "0002-crm-links": crmLinks,
  "0002-customer-list-indexes": customerListIndexes,
  "0003-sync-outbox": syncOutbox,
  "0004-sync-trigger": syncTrigger,
  "0005-rate-limit-buckets": rateLimitBuckets,
  "0006-sync-state": syncState,
  "0007-connection-health": connectionHealth,
  "0008-customer-counts": customerCounts,
  "0009-covering-name-indexes": coveringNameIndexes,
  "0010-account-mode": accountMode,
};

// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === "Error");
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ""} failed: ${String(error)}`, { cause: error });
  }
}

/** True when every known migration has been applied (used by /readyz). */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
export async function migrationsApplied(db: Kysely<any>): Promise<boolean> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const all = await migrator.getMigrations();
  return all.every((migration) => migration.executedAt !== undefined);
}
