import { migrateToLatest, migrationsApplied } from "../../db/migrate.ts";
import { openConfiguredDatabase } from "../../server/open-configured-database.ts";
import { generatedKeyBanner, startServer } from "../../server/start-server.ts";
import { startWorker, WorkerNeedsPostgresError } from "../../server/start-worker.ts";
import { stopOnSignals } from "../../server/stop-on-signals.ts";
import { CliError } from "../cli-error.ts";
import type { CommandContext } from "../cli-io.ts";
import { configFrom, type DatabaseFlags } from "../options.ts";

export type StartFlags = DatabaseFlags & { port?: string; host?: string; fixtures?: string };

export async function start(context: CommandContext, flags: StartFlags): Promise<void> {
  const config = configFrom(flags, context.env);
  const server = await startServer(config);
  context.stdout.write(generatedKeyBanner(server, config));
  context.keepRunning();
  stopOnSignals(async (signal) => {
    server.app.log.info({ signal }, "shutting down");
    await server.stop();
  });
}

export async function worker(context: CommandContext, flags: DatabaseFlags): Promise<void> {
  try {
    const running = await startWorker(configFrom(flags, context.env));
    context.keepRunning();
    stopOnSignals(async (signal) => {
      running.log.info({ signal }, "shutting down");
      await running.stop();
    });
  } catch (error) {
    if (error instanceof WorkerNeedsPostgresError) throw new CliError(error.message);
    throw error;
  }
}

export async function migrate(context: CommandContext, flags: DatabaseFlags): Promise<void> {
  const database = await openConfiguredDatabase(
    configFrom(flags, context.env),
    "latchwork migrate",
    () => {},
  );
  try {
    const wasCurrent = await migrationsApplied(database.db);
    await migrateToLatest(database.db);
    context.stdout.write(
      wasCurrent ? "The database is already up to date.\n" : "The database is migrated.\n",
    );
  } finally {
    await database.close();
  }
}
