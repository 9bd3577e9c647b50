import { pino } from "pino";
import type { Config } from "../config.ts";
import { openDatabase } from "../db/database.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { messages } from "../errors/messages.ts";
import { loggerOptions } from "../http/logger-options.ts";
import { createPushers } from "../sync/pushers.ts";
import { SyncWorker } from "../sync/sync-worker.ts";

/** Refusal to run a standalone worker on PGlite; its message says what to do instead. */
export class WorkerNeedsPostgresError extends Error {}

export interface RunningWorker {
  worker: SyncWorker;
  log: pino.Logger;
  /** Drains the pushes in flight, then closes the database. */
  stop(): Promise<void>;
}

/**
 * A sync worker without the API, as `npm run worker` and `latchwork worker`
 * run it, for scaling pushes apart from API nodes on one shared PostgreSQL
 * (claims use FOR UPDATE SKIP LOCKED, so any number of these can run). The API
 * process still serves the sandbox CRMs, which this worker reaches at `config.latchworkUrl`.
 */
export async function startWorker(config: Config): Promise<RunningWorker> {
  // PGlite is a single-process database: a second process cannot open its data dir (nor share a memory one)
  if (!/^postgres(ql)?:\/\//.test(config.databaseUrl ?? "")) {
    throw new WorkerNeedsPostgresError(
      messages.workerNeedsPostgres(config.databaseUrl ?? `PGlite in ${config.dataDir}`),
    );
  }
  const log = pino(loggerOptions(config.logLevel));
  const { db } = await openDatabase({
    url: config.databaseUrl,
    onPoolError: (error) => log.warn({ err: error }, "a PostgreSQL connection failed; the pool replaces it"),
  });
  // the migrator locks: a worker starting beside API nodes cannot run a migration twice
  await migrateToLatest(db);
  // the logger: every CRM call of the pushes is logged at debug level (integrations/crm-call-log.ts)
  const deps = {
    db,
    selfUrl: () => config.latchworkUrl,
    sandbox: config.sandbox,
    outboundAllow: config.outboundAllow,
    logger: log,
  };
  const worker = new SyncWorker(deps, {
    pushers: createPushers(deps),
    leaseMs: config.syncLeaseMs,
    log,
    onOutcome: (crm, settled, outcome) => {
      if (settled !== "pushed")
        log.warn({ crm, settled, error: "error" in outcome ? outcome.error : undefined }, "push not done");
    },
  });
  worker.start();
  log.info({ workerId: worker.workerId, latchworkUrl: config.latchworkUrl }, "sync worker ready");
  return {
    worker,
    log,
    async stop() {
      log.info("draining: finishing the pushes in flight");
      await worker.stop();
      await db.destroy();
      log.info("sync worker stopped");
    },
  };
}
