/**
 * `npm run worker`: a sync worker without the API, for scaling pushes apart
 * from API nodes on one shared PostgreSQL (claims use FOR UPDATE SKIP LOCKED,
 * so any number of these can run). The API process still serves the sandbox
 * CRMs, which this worker reaches at LATCHWORK_URL.
 */
import { pino } from "pino";
import { loadConfig } from "./config.ts";
import { openDatabase } from "./db/database.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { messages } from "./errors/messages.ts";
import { createPushers } from "./sync/pushers.ts";
import { SyncWorker } from "./sync/sync-worker.ts";

const config = loadConfig();
const log = pino({ level: config.logLevel });

// PGlite is a single-process database: a second process cannot open its data dir (nor share a memory one)
if (!/^postgres(ql)?:\/\//.test(config.databaseUrl ?? "")) {
  process.stderr.write(
    `${messages.workerNeedsPostgres(config.databaseUrl ?? `PGlite in ${config.dataDir}`)}\n`,
  );
  process.exit(1);
}

const { db } = await openDatabase({
  url: config.databaseUrl,
  onPoolError: (error) =>
    log.warn({ err: error }, "an idle PostgreSQL connection failed; the pool replaces it"),
});
// the migrator locks: a worker starting beside API nodes cannot run a migration twice
await migrateToLatest(db);
const deps = { db, selfUrl: () => config.latchworkUrl, sandbox: config.sandbox };
const worker = new SyncWorker(deps, {
  pushers: createPushers(deps),
  onOutcome: (crm, settled, outcome) => {
    if (settled !== "pushed")
      log.warn({ crm, settled, error: "error" in outcome ? outcome.error : undefined }, "push not done");
  },
});
worker.start();
log.info({ workerId: worker.workerId, latchworkUrl: config.latchworkUrl }, "sync worker ready");

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "draining: finishing the pushes in flight");
    await worker.stop();
    await db.destroy();
    log.info("sync worker stopped");
    process.exit(0);
  });
}
