import { ensureDefaultAccount } from "./accounts/account-service.ts";
import { loadConfig } from "./config.ts";
import { openDatabase } from "./db/database.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { loadFixtureFile } from "./fixtures/load-fixtures.ts";
import { buildApp, listeningUrl } from "./http/app.ts";
import { createPushers } from "./sync/pushers.ts";
import { SyncWorker } from "./sync/sync-worker.ts";

const config = loadConfig();
const { db, kind } = await openDatabase({
  url: config.databaseUrl,
  dataDir: config.dataDir,
  onPoolError: (error) =>
    app.log.warn({ err: error }, "an idle PostgreSQL connection failed; the pool replaces it"),
});
await migrateToLatest(db);
const { generatedKey } = await ensureDefaultAccount(db, config.apiKey);

let worker: SyncWorker | undefined;
const app = await buildApp({
  db,
  publicUrl: config.publicUrl,
  sandbox: config.sandbox,
  afterWrite: () => worker?.poke(),
  logger: { level: config.logLevel, redact: ["req.headers.authorization"] },
});
if (config.fixtures) await loadFixtureFile(db, config.fixtures, app.log);
await app.listen({ port: config.port, host: config.host });
if (config.worker) {
  // the worker reaches the sandbox CRMs through this process's own listening address
  const deps = { db, selfUrl: () => listeningUrl(app), sandbox: config.sandbox };
  worker = new SyncWorker(deps, { pushers: createPushers(deps), onOutcome: app.syncMetrics.recordOutcome });
  worker.start();
}
app.log.info(
  {
    database: kind === "postgres" ? "postgres" : (config.databaseUrl ?? config.dataDir),
    address: listeningUrl(app),
    worker: config.worker,
  },
  "latchwork ready",
);

if (generatedKey) {
  const base = config.publicUrl ?? `http://${config.host}:${config.port}`;
  // printed once, on the start that created it: only its hash is stored
  process.stdout.write(
    [
      "",
      "  Latchwork generated an API key for the default account (shown only this once):",
      `    ${generatedKey}`,
      "  Try it:",
      `    curl -X POST ${base}/v1/customers -H "Authorization: Basic ${generatedKey}" -H "Content-Type: application/json" -d "{firstName:'John',lastName:'Smith'}"`,
      "",
    ].join("\n"),
  );
}

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, "shutting down");
    // the worker finishes its round first: its pushes may still need this process's sandboxes
    await worker?.stop();
    await app.close();
    await db.destroy();
    process.exit(0);
  });
}
