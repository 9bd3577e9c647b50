/**
 * `npm run bench:sync`: 1,000 changes to 1,000 synced customers per CRM, the
 * way `npm start` runs them (API and worker in one process, the built-in
 * sandbox CRMs over loopback HTTP). Prints, per CRM and database: vendor calls
 * used, 429s received, and propagation latency p50/p95 from the PUT's answer
 * (the commit) to the sandbox record's modification time. Writes
 * bench/results/sync-latest.json. BENCH_SYNC_CHANGES sets the count.
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import pg from "pg";
import { createAccountWithKey } from "../src/accounts/account-service.ts";
import { insertCustomer } from "../src/customers/customer-repository.ts";
import { type Db, openDatabase } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { buildApp } from "../src/http/app.ts";
import { type CrmName, sandboxConnection } from "../src/integrations/crm-connection.ts";
import { netsuiteCredentials } from "../src/integrations/netsuite/netsuite-connector.ts";
import { oauth1Header } from "../src/integrations/netsuite/oauth1-signature.ts";
import { outboxStats } from "../src/sync/outbox/outbox-stats.ts";
import { createPushers } from "../src/sync/pushers.ts";
import { SyncWorker } from "../src/sync/sync-worker.ts";
import { findPostgresBin, startPostgres, withDatabase } from "../src/testing/postgres-server.ts";

const N = Number(process.env.BENCH_SYNC_CHANGES ?? 1000);
const CONCURRENCY = 16;

interface Row {
  database: string;
  crm: CrmName;
  changes: number;
  vendorCalls: number;
  rateLimited: number;
  p50Ms: number;
  p95Ms: number;
  drainSeconds: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function json(response: Response): Promise<Record<string, unknown>> {
  if (!response.ok) throw new Error(`${response.url}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? {} : ((await response.json()) as Record<string, unknown>);
}

/** Creates `count` records in the sandbox through the vendor API; returns their ids in order. */
async function seedRemote(base: string, accountId: number, crm: CrmName, count: number): Promise<string[]> {
  const connection = sandboxConnection({ db: undefined as never, selfUrl: () => base }, accountId, crm);
  const root = connection.baseUrl;
  const ids: string[] = [];
  if (crm === "hubspot") {
    for (let start = 0; start < count; start += 100) {
      const inputs = Array.from({ length: Math.min(100, count - start) }, (_, i) => ({
        properties: { firstname: `seed${start + i}`, email: `seed${start + i}@example.com` },
      }));
      const body = await json(
        await fetch(`${root}/crm/v3/objects/contacts/batch/create`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${connection.credentials.token}`,
            "content-type": "application/json",
          },
          body: JSON.stringify({ inputs }),
        }),
      );
      ids.push(...(body.results as { id: string }[]).map((result) => result.id));
    }
  } else if (crm === "salesforce") {
    const token = await json(
      await fetch(`${root}/services/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          grant_type: "client_credentials",
          client_id: "bench",
          client_secret: "bench",
        }),
      }),
    );
    for (let i = 0; i < count; i++) {
      const body = await json(
        await fetch(`${root}/services/data/v60.0/sobjects/Account`, {
          method: "POST",
          headers: { authorization: `Bearer ${token.access_token}`, "content-type": "application/json" },
          body: JSON.stringify({ Name: `Seed ${i}` }),
        }),
      );
      ids.push(String(body.id));
    }
  } else {
    const url = `${root}/services/rest/record/v1/customer`;
    for (let i = 0; i < count; i++) {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          authorization: oauth1Header("POST", url, netsuiteCredentials(connection)),
          "content-type": "application/json",
        },
        body: JSON.stringify({ companyName: `Seed ${i}`, isPerson: false }),
      });
      await json(response);
      ids.push(String(response.headers.get("location")?.split("/").pop()));
    }
  }
  return ids;
}

/** Modification time (ms) of each record in the sandbox, read through the vendor API. */
async function remoteModifiedAt(
  base: string,
  accountId: number,
  crm: CrmName,
  ids: string[],
): Promise<number[]> {
  const connection = sandboxConnection({ db: undefined as never, selfUrl: () => base }, accountId, crm);
  const root = connection.baseUrl;
  const times: number[] = [];
  if (crm === "hubspot") {
    for (let start = 0; start < ids.length; start += 100) {
      const body = await json(
        await fetch(`${root}/crm/v3/objects/contacts/batch/read`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${connection.credentials.token}`,
            "content-type": "application/json",
          },
          body: JSON.stringify({
            inputs: ids.slice(start, start + 100).map((id) => ({ id })),
            properties: [],
          }),
        }),
      );
      const byId = new Map(
        (body.results as { id: string; updatedAt: string }[]).map((r) => [r.id, r.updatedAt]),
      );
      for (const id of ids.slice(start, start + 100)) times.push(Date.parse(String(byId.get(id))));
    }
    return times;
  }
  const token =
    crm === "salesforce"
      ? await json(
          await fetch(`${root}/services/oauth2/token`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
              grant_type: "client_credentials",
              client_id: "bench",
              client_secret: "bench",
            }),
          }),
        )
      : {};
  for (const id of ids) {
    const url =
      crm === "salesforce"
        ? `${root}/services/data/v60.0/sobjects/Account/${id}`
        : `${root}/services/rest/record/v1/customer/${id}`;
    const authorization =
      crm === "salesforce"
        ? `Bearer ${token.access_token}`
        : oauth1Header("GET", url, netsuiteCredentials(connection));
    const body = await json(await fetch(url, { headers: { authorization } }));
    times.push(Date.parse(String(crm === "salesforce" ? body.LastModifiedDate : body.lastModifiedDate)));
  }
  return times;
}

async function waitForDrain(db: Db, accountId: number, crm: CrmName): Promise<void> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const stats = (await outboxStats(db, accountId)).find((row) => row.crm === crm);
    if (!stats || stats.pending === 0) return;
    if (Date.now() > deadline) throw new Error(`${crm}: ${stats.pending} pushes still pending after 300 s`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function stats(
  base: string,
  crm: CrmName,
  reset = false,
): Promise<{ requests: number; rateLimited: number }> {
  const response = await fetch(`${base}/sandbox/${crm}/_stats${reset ? "/reset" : ""}`, {
    method: reset ? "POST" : "GET",
  });
  if (reset) return { requests: 0, rateLimited: 0 };
  const body = await json(response);
  const byStatus = (body.byStatus ?? {}) as Record<string, number>;
  return {
    requests: Number(body.requests),
    rateLimited: Number(body.rateLimited ?? byStatus["429"] ?? 0),
  };
}

async function runOn(database: string, db: Db): Promise<Row[]> {
  await migrateToLatest(db);
  const app = await buildApp({ db, logger: false });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const deps = { db, selfUrl: () => base };
  const worker = new SyncWorker(deps, { pushers: createPushers(deps), pollMs: 20 });
  worker.start();
  const rows: Row[] = [];
  try {
    for (const crm of ["hubspot", "salesforce", "netsuite"] as const) {
      const { account, apiKey } = await createAccountWithKey(db, `bench-${crm}`);
      const remoteIds = await seedRemote(base, account.id, crm, N);
      const customerIds: number[] = [];
      for (const [i, remoteId] of remoteIds.entries()) {
        const customer = await insertCustomer(db, {
          accountId: account.id,
          currency: "USD",
          firstName: `Seed${i}`,
          lastName: "Bench",
          companyName: `Bench ${i}`,
          ...(crm === "hubspot" ? { hubSpotId: Number(remoteId) } : {}),
          ...(crm === "salesforce" ? { salesforceId: remoteId, salesforceSynchStatus: "Enabled" } : {}),
          ...(crm === "netsuite" ? { netsuiteId: remoteId, netsuiteSynchStatus: "Enabled" } : {}),
        });
        customerIds.push(customer.id);
      }
      await waitForDrain(db, account.id, crm);
      await stats(base, crm, true);

      const committedAt = new Array<number>(N);
      const started = Date.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < N) {
            const i = next++;
            const response = await fetch(`${base}/v1/customers`, {
              method: "PUT",
              headers: { authorization: `Basic ${apiKey}`, "content-type": "application/json" },
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
      await waitForDrain(db, account.id, crm);
      const drainSeconds = (Date.now() - started) / 1000;
      const used = await stats(base, crm);
      const modified = await remoteModifiedAt(base, account.id, crm, remoteIds);
      const latencies = modified.map((time, i) => time - (committedAt[i] as number));
      rows.push({
        database,
        crm,
        changes: N,
        vendorCalls: used.requests,
        rateLimited: used.rateLimited,
        p50Ms: percentile(latencies, 50),
        p95Ms: percentile(latencies, 95),
        drainSeconds,
      });
      console.log(JSON.stringify(rows.at(-1)));
    }
  } finally {
    await worker.stop();
    await app.close();
  }
  return rows;
}

const rows: Row[] = [];
const pglite = await openDatabase({ url: "memory://" });
rows.push(...(await runOn("pglite", pglite.db)));
await pglite.db.destroy();

if (findPostgresBin()) {
  const server = await startPostgres();
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query("create database bench");
  await admin.end();
  const postgres = await openDatabase({
    url: withDatabase(server.url, "bench"),
    poolSize: 10,
    onPoolError: () => {},
  });
  rows.push(...(await runOn("postgres", postgres.db)));
  await postgres.db.destroy();
  await server.stop();
}

console.log(
  `\nSync: ${N} changes to ${N} synced customers per CRM (API + worker in one process, sandbox CRMs)`,
);
console.table(
  rows.map((row) => ({
    database: row.database,
    crm: row.crm,
    "vendor calls": row.vendorCalls,
    "calls per 1,000 changes": Math.round((row.vendorCalls * 1000) / row.changes),
    "429s": row.rateLimited,
    "p50 ms": row.p50Ms,
    "p95 ms": row.p95Ms,
    "drain s": row.drainSeconds.toFixed(1),
  })),
);
writeFileSync(
  "bench/results/sync-latest.json",
  `${JSON.stringify({ date: new Date().toISOString(), machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version }, rows }, null, 2)}\n`,
);
process.exit(0);
