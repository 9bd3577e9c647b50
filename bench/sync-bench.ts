/**
 * The sync part of `npm run bench` (alone: `npm run bench:sync`): 1,000
 * changes to 1,000 synced customers per CRM. Latchwork runs as `npm start`
 * does (API and worker in one process) as a child process; the sandbox CRMs run
 * as another (`npm run sandbox`), configured as the account's connections; the
 * PUTs come from this process, 16 at a time. Per CRM and database: vendor
 * calls, 429s, and propagation latency p50/p95 from the PUT's answer (the
 * commit) to the sandbox record's modification time, and the writers' own
 * rate (changes per second of PUTs: what batching has to work with).
 * BENCH_SYNC_CHANGES sets the count, BENCH_SYNC_DATABASES (pglite,postgres)
 * the databases. Alone, it writes bench/results/sync-latest.json.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { sql } from "kysely";
import pg from "pg";
import { ensureDefaultAccount } from "../src/accounts/account-service.ts";
import { generateApiKey } from "../src/accounts/api-key.ts";
import { openDatabase } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import type { CrmName } from "../src/integrations/crm-connection.ts";
import { freePort } from "../src/testing/free-port.ts";
import { findPostgresBin, startPostgres, withDatabase } from "../src/testing/postgres-server.ts";
import { machine } from "./lib/report.ts";
import {
  connectionBody,
  remoteModifiedAt,
  resetSandboxStats,
  sandboxStats,
  seedRemote,
} from "./lib/sandbox-client.ts";
import { type ServerProcess, startServer } from "./lib/server-process.ts";

export interface SyncRow {
  database: string;
  crm: CrmName;
  changes: number;
  vendorCalls: number;
  rateLimited: number;
  p50Ms: number;
  p95Ms: number;
  drainSeconds: number;
  /** How long the writers took for all the PUTs: changes / writeSeconds is the rate the worker must keep up with. */
  writeSeconds: number;
  /** The vendor calls by method and path (an OAuth token request is one of them). */
  callsByPath?: Record<string, number>;
}

/** The sandbox records of one CRM and the customers latched to them, in the same order. */
interface RemoteSet {
  root: string;
  ids: string[];
  customerIds: number[];
}

const CRMS: CrmName[] = ["hubspot", "salesforce", "netsuite"];
const CONCURRENCY = 16;
const root = path.resolve(import.meta.dirname, "..");

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function spawnNode(
  name: string,
  script: string,
  env: Record<string, string>,
  probe: { path: string; headers?: Record<string, string> },
) {
  const port = await freePort();
  return startServer({
    name,
    command: process.execPath,
    args: ["--import", "tsx", path.join(root, script)],
    env: { PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", ...env },
    port,
    probe,
  });
}

async function runOn(
  database: string,
  dbOptions: { url: string } | { dataDir: string },
  changes: number,
  log: (line: string) => void,
): Promise<SyncRow[]> {
  const sandbox = await spawnNode("sandbox CRMs", "src/sandbox-server.ts", {}, { path: "/healthz" });
  const rows: SyncRow[] = [];
  let api: ServerProcess | undefined;
  try {
    const apiKey = generateApiKey();
    const remote: Record<string, RemoteSet> = {};
    const handle = await openDatabase(dbOptions);
    try {
      await migrateToLatest(handle.db);
      const { account } = await ensureDefaultAccount(handle.db, apiKey);
      for (const crm of CRMS) {
        const crmRoot = `${sandbox.url}/sandbox/${crm}`;
        const ids = await seedRemote(crmRoot, crm, changes);
        const inserted = await handle.db
          .insertInto("customers")
          .values(
            ids.map((remoteId, i) => ({
              accountId: account.id,
              currency: "USD",
              firstName: `Seed${i}`,
              lastName: "Bench",
              companyName: `Bench ${i}`,
              ...(crm === "hubspot" ? { hubSpotId: Number(remoteId) } : {}),
              ...(crm === "salesforce" ? { salesforceId: remoteId, salesforceSynchStatus: "Enabled" } : {}),
              ...(crm === "netsuite" ? { netsuiteId: remoteId, netsuiteSynchStatus: "Enabled" } : {}),
            })),
          )
          .returning("id")
          .execute();
        remote[crm] = { root: crmRoot, ids, customerIds: inserted.map((row) => row.id) };
      }
      // the seeding's own pushes are not part of the measurement
      await sql`delete from sync_outbox`.execute(handle.db);
    } finally {
      await handle.db.destroy();
    }

    const databaseEnv: Record<string, string> =
      "url" in dbOptions
        ? { DATABASE_URL: dbOptions.url }
        : { DATA_DIR: dbOptions.dataDir, DATABASE_URL: "" };
    api = await spawnNode(
      "Latchwork",
      "src/main.ts",
      {
        ...databaseEnv,
        LATCHWORK_API_KEY: apiKey,
        LATCHWORK_SECRET_KEY: randomBytes(32).toString("hex"),
        LATCHWORK_FIXTURES: "",
      },
      { path: "/healthz" },
    );
    const headers = { authorization: `Basic ${apiKey}`, "content-type": "application/json" };
    for (const crm of CRMS) {
      const response = await fetch(`${api.url}/v1/integrations/${crm}`, {
        method: "PUT",
        headers,
        body: JSON.stringify(connectionBody(crm, (remote[crm] as { root: string }).root)),
      });
      if (!response.ok)
        throw new Error(`PUT /v1/integrations/${crm}: ${response.status} ${await response.text()}`);
    }

    for (const crm of CRMS) {
      const row = await measureCrm(api.url, headers, crm, remote[crm] as RemoteSet, changes, database);
      rows.push(row);
      log(
        `sync ${database} ${crm}: ${row.vendorCalls} calls, ${row.rateLimited} 429s, p95 ${row.p95Ms} ms, ` +
          `writes ${Math.round(changes / row.writeSeconds)}/s, drained in ${row.drainSeconds.toFixed(1)} s`,
      );
    }
  } finally {
    await api?.stop();
    await sandbox.stop();
  }
  return rows;
}

/** 1,000 PUTs (16 at a time) to the customers synced to `crm`, then the queue drained and the sandbox read. */
async function measureCrm(
  apiUrl: string,
  headers: Record<string, string>,
  crm: CrmName,
  { root: crmRoot, ids, customerIds }: RemoteSet,
  changes: number,
  database: string,
): Promise<SyncRow> {
  await resetSandboxStats(crmRoot);
  const committedAt = new Array<number>(changes);
  const started = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < changes) {
        const i = next++;
        const response = await fetch(`${apiUrl}/v1/customers`, {
          method: "PUT",
          headers,
          body: JSON.stringify({
            id: customerIds[i],
            status: "Draft",
            firstName: `Changed${i}`,
            lastName: "Bench",
          }),
        });
        if (response.status !== 200) throw new Error(`PUT ${response.status}: ${await response.text()}`);
        await response.arrayBuffer();
        committedAt[i] = Date.now();
      }
    }),
  );
  const writeSeconds = (Date.now() - started) / 1000;
  await waitForDrain(apiUrl, headers, crm);
  const drainSeconds = (Date.now() - started) / 1000;
  const used = await sandboxStats(crmRoot);
  const modified = await remoteModifiedAt(crmRoot, crm, ids);
  const latencies = modified.map((time, i) => time - (committedAt[i] as number));
  return {
    database,
    crm,
    changes,
    vendorCalls: used.requests,
    rateLimited: used.rateLimited,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    drainSeconds,
    writeSeconds,
    callsByPath: used.byPath,
  };
}

async function waitForDrain(url: string, headers: Record<string, string>, crm: CrmName): Promise<void> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const response = await fetch(`${url}/v1/sync`, { headers });
    const body = (await response.json()) as Record<string, { pending: number; dead: number }>;
    const queue = body[crm];
    if (!queue) throw new Error(`GET /v1/sync: ${JSON.stringify(body)}`);
    if (queue.pending === 0) return;
    if (Date.now() > deadline) throw new Error(`${crm}: ${queue.pending} pushes still pending after 300 s`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function runSyncBench(options: {
  changes: number;
  log: (line: string) => void;
  /** Which databases to run on (BENCH_SYNC_DATABASES, e.g. "postgres"); both by default. */
  databases?: string[];
}): Promise<SyncRow[]> {
  const rows: SyncRow[] = [];
  const wanted = (name: string) => !options.databases || options.databases.includes(name);
  const work = mkdtempSync(path.join(tmpdir(), "latchwork-sync-bench-"));
  try {
    if (wanted("pglite")) {
      options.log(`sync: ${options.changes} changes per CRM on PGlite…`);
      rows.push(
        ...(await runOn("pglite", { dataDir: path.join(work, "pglite") }, options.changes, options.log)),
      );
    }
    if (wanted("postgres") && findPostgresBin()) {
      options.log(`sync: ${options.changes} changes per CRM on PostgreSQL…`);
      const server = await startPostgres();
      try {
        const admin = new pg.Client({ connectionString: server.url });
        await admin.connect();
        await admin.query("create database sync_bench");
        await admin.end();
        rows.push(
          ...(await runOn(
            "postgres",
            { url: withDatabase(server.url, "sync_bench") },
            options.changes,
            options.log,
          )),
        );
      } finally {
        await server.stop();
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return rows;
}

export function printSyncTable(rows: SyncRow[]): void {
  console.table(
    rows.map((row) => ({
      database: row.database,
      crm: row.crm,
      "vendor calls": row.vendorCalls,
      // Salesforce's OAuth token request, once per process, is a vendor call too
      "of which token": Object.entries(row.callsByPath ?? {})
        .filter(([path]) => path.includes("oauth2/token"))
        .reduce((sum, [, calls]) => sum + calls, 0),
      "calls per 1,000 changes": Math.round((row.vendorCalls * 1000) / row.changes),
      "429s": row.rateLimited,
      "p50 ms": row.p50Ms,
      "p95 ms": row.p95Ms,
      "drain s": row.drainSeconds.toFixed(1),
      "writes/s": Math.round(row.changes / row.writeSeconds),
    })),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const started = machine();
  const changes = Number(process.env.BENCH_SYNC_CHANGES ?? 1000);
  const databases = process.env.BENCH_SYNC_DATABASES?.split(",").map((name) => name.trim());
  const rows = await runSyncBench({ changes, log: (line) => console.log(line), databases });
  console.log(
    `\nSync: ${changes} changes to ${changes} synced customers per CRM (Latchwork and sandbox CRMs as separate processes)`,
  );
  printSyncTable(rows);
  writeFileSync(
    path.join(root, "bench/results/sync-latest.json"),
    `${JSON.stringify({ date: new Date().toISOString(), machine: started, rows }, null, 2)}\n`,
  );
  process.exit(0);
}
