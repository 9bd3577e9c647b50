import type { ConfiguredDatabase } from "../server/open-configured-database.ts";
import type { CliIo } from "./cli-io.ts";
import { configFrom, type DatabaseFlags } from "./options.ts";

/**
 * Runs a one-shot command against the database `flags` and the environment select, migrated first (as
 * `latchwork start` does, so a command works on a fresh data dir), and closes it.
 * The database modules load here, on use, so that --help stays quick.
 */
export async function withDatabase<T>(
  context: CliIo,
  flags: DatabaseFlags,
  purpose: string,
  run: (database: ConfiguredDatabase) => Promise<T>,
): Promise<T> {
  const { openConfiguredDatabase } = await import("../server/open-configured-database.ts");
  const { migrateToLatest } = await import("../db/migrate.ts");
  const database = await openConfiguredDatabase(configFrom(flags, context.env), purpose, () => {});
  try {
    await migrateToLatest(database.db);
    return await run(database);
  } finally {
    await database.close();
  }
}
