import { countAccountsByMode } from "../accounts/account-repository.ts";
import { ensureDefaultAccount } from "../accounts/account-service.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/database.ts";
import { createDatabaseMetrics, type DatabaseMetrics } from "../db/database-metrics.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { PgliteMaintenance } from "../db/pglite-maintenance.ts";
import { loadFixtureFile } from "../fixtures/load-fixtures.ts";
import { type App, buildApp, listeningUrl } from "../http/app.ts";
import { loggerOptions } from "../http/logger-options.ts";
import { reencryptCredentials } from "../integrations/rotate-secret-key.ts";
import { previousSecretKeys } from "../integrations/secret-box.ts";
import { releaseAllClaims } from "../sync/outbox/release-claims.ts";
import { createPushers } from "../sync/pushers.ts";
import { SyncWorker } from "../sync/sync-worker.ts";
import { openConfiguredDatabase } from "./open-configured-database.ts";
import { sandboxExposureWarning } from "./sandbox-exposure.ts";

export interface RunningServer {
  app: App;
  db: Db;
  /** A key generated for the default account by this start, to show once. */
  generatedKey: string | undefined;
  /** Lets the worker's round in flight finish, then closes the API and the database. */
  stop(): Promise<void>;
}

/**
 * The API (with a sync worker unless `config.worker` is off) as `npm start` and
 * `latchwork start` run it: opens and migrates the database, makes sure the
 * default account has a key, loads fixtures, listens.
 */
export async function startServer(config: Config): Promise<RunningServer> {
  let app: App | undefined;
  let dbMetrics: DatabaseMetrics | undefined;
  const database = await openConfiguredDatabase(
    config,
    "latchwork start",
    (error) => {
      dbMetrics?.connectionErrors.inc();
      app?.log.warn({ err: error }, "a PostgreSQL connection failed; the pool replaces it");
    },
    // counted, not logged: during an outage every waiting request retries every ≤ 0.5 s
    { onCheckoutRetry: () => dbMetrics?.checkoutRetries.inc() },
  );
  const { db, kind } = database;
  await migrateToLatest(db);
  const { generatedKey } = await ensureDefaultAccount(db, config.apiKey);

  let worker: SyncWorker | undefined;
  const api = await buildApp({
    db,
    publicUrl: config.publicUrl,
    sandbox: config.sandbox,
    outboundAllow: config.outboundAllow,
    afterWrite: () => worker?.poke(),
    rateLimit: config.rateLimit,
    timeouts: config.timeouts,
    logger: loggerOptions(config.logLevel),
  });
  app = api;
  dbMetrics = createDatabaseMetrics(api.syncMetrics.registry);
  if (previousSecretKeys().length > 0) {
    // second half of a LATCHWORK_SECRET_KEY rotation: credentials move to the new key at start
    const rotation = await reencryptCredentials(db);
    api.log.info(rotation, "CRM credentials re-encrypted under the current LATCHWORK_SECRET_KEY");
  }
  if (kind !== "postgres") {
    const released = await releaseAllClaims(db);
    if (released > 0) api.log.info({ released }, "pushes claimed by a previous run handed back");
  }
  if (config.fixtures) await loadFixtureFile(db, config.fixtures, api.log);
  await api.listen({ port: config.port, host: config.host });
  // PGlite has no autovacuum of its own (db/pglite-maintenance.ts)
  const maintenance =
    kind === "pglite"
      ? new PgliteMaintenance(db, {
          onRun: (run) => api.log.info(run, "embedded database maintenance"),
          onError: (error) => api.log.warn({ err: error }, "embedded database maintenance failed"),
        })
      : undefined;
  maintenance?.start();
  if (config.worker) {
    // the worker reaches the sandbox CRMs through this process's own listening address
    // the logger: every CRM call of the pushes is logged at debug level (integrations/crm-call-log.ts)
    const deps = {
      db,
      selfUrl: () => listeningUrl(api),
      sandbox: config.sandbox,
      outboundAllow: config.outboundAllow,
      logger: api.log,
    };
    worker = new SyncWorker(deps, {
      pushers: createPushers(deps),
      leaseMs: config.syncLeaseMs,
      onOutcome: api.syncMetrics.recordOutcome,
      onRoundError: api.syncMetrics.recordRoundFailure,
      log: api.log,
    });
    worker.start();
  }
  // one grouped count: cheap however many accounts there are
  const accounts = await countAccountsByMode(db);
  const exposure = sandboxExposureWarning(config.host, config.sandbox, accounts);
  if (exposure) api.log.warn({ host: config.host, testAccounts: accounts.test }, exposure);
  api.log.info(
    {
      database: kind === "postgres" ? "postgres" : (config.databaseUrl ?? config.dataDir),
      address: listeningUrl(api),
      worker: config.worker,
      sandbox: config.sandbox,
      accounts,
    },
    "latchwork ready",
  );
  return {
    app: api,
    db,
    generatedKey,
    async stop() {
      // the worker finishes its round first: its pushes may still need this process's sandboxes
      await worker?.stop();
      await maintenance?.stop();
      await api.close();
      await database.close();
    },
  };
}

/** The banner for a key generated at first start (only its hash is stored, so this is its one showing). */
export function generatedKeyBanner(server: RunningServer, config: Config): string {
  const key = server.generatedKey;
  if (!key) return "";
  const base = config.publicUrl ?? listeningUrl(server.app);
  return [
    "",
    "  Latchwork generated an API key for the default account (shown only this once):",
    `    ${key}`,
    "  Try it:",
    `    curl -X POST ${base}/v1/customers -H "Authorization: Basic ${key}" -H "Content-Type: application/json" -d "{firstName:'John',lastName:'Smith'}"`,
    "",
  ].join("\n");
}
