/**
 * The HTTP part of `npm run bench`: every server on loopback as its own child
 * process, one at a time, loaded by autocannon from this process with the same
 * request generator (bench/lib/load.ts); seeding is done before each start and
 * not measured. BENCH_DURATION (s, default 10), BENCH_CUSTOMERS (default 100,000).
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { generateApiKey } from "../src/accounts/api-key.ts";
import { openDatabase } from "../src/db/database.ts";
import {
  findPostgresBin,
  type PostgresServer,
  startPostgres,
  withDatabase,
} from "../src/testing/postgres-server.ts";
import { sleep } from "../src/testing/wait-for.ts";
import { customerJson, ID_BASE } from "./lib/customer-data.ts";
import { type LoadResult, nextRequest, type Route, runLoad } from "./lib/load.ts";
import { type SeedResult, seedLatchwork } from "./lib/seed.ts";
import { benchServer, jsonServer, latchwork, prism, type ServerSpec } from "./lib/servers.ts";

export interface HttpRow extends Partial<LoadResult> {
  server: string;
  route: Route | "-";
  /** Peak RSS of the server process over its whole run, MB. */
  rssMb?: number;
  coldStartMs?: number;
  /** Requests per second offered (the half-load runs); unset: as fast as it answers. */
  offeredRps?: number;
  skipped?: string;
}

export interface HttpBenchOptions {
  durationSeconds: number;
  customers: number;
  log: (line: string) => void;
  /** Runs only the servers whose names contain one of these (BENCH_SERVERS); all when unset. */
  only?: string[] | undefined;
}

const ROUTES: Route[] = ["GET", "LIST", "PUT", "POST"];
/** How long the requests a load run left in flight may take to be answered before the next run. */
const DRAIN_MS = 20_000;
const LATCHWORK_ROUTES: Route[] = ["GET", "LIST", "PUT", "PUT synced", "POST"];

export async function runHttpBench(options: HttpBenchOptions): Promise<HttpRow[]> {
  const { durationSeconds, customers: count, log } = options;
  const apiKey = generateApiKey();
  const work = mkdtempSync(path.join(tmpdir(), "latchwork-bench-"));
  const rows: HttpRow[] = [];
  let postgres: PostgresServer | undefined;
  const wanted = (name: string) =>
    !options.only || options.only.some((part) => name.toLowerCase().includes(part.toLowerCase()));
  try {
    const synced = Math.min(10_000, count);
    log(`seeding ${count.toLocaleString("en")} customers into PGlite on disk (not measured)…`);
    const pgliteDir = path.join(work, "pglite-latchwork");
    const seeded = await seed({ dataDir: pgliteDir }, count, apiKey, synced);
    cpSync(pgliteDir, path.join(work, "pglite-naive"), { recursive: true });

    let pgUrls: { latchwork: string; naive: string } | undefined;
    if (!wanted("naive Fastify + pg") && !wanted("Latchwork PostgreSQL")) {
      // left out by BENCH_SERVERS
    } else if (findPostgresBin()) {
      log("starting PostgreSQL on loopback and seeding it (not measured)…");
      postgres = await startPostgres();
      pgUrls = await seedPostgres(postgres.url, count, apiKey, synced);
    } else {
      log("PostgreSQL binaries not found: the PostgreSQL rows are skipped");
    }
    const jsonFile = path.join(work, "db.json");
    writeJsonServerFile(jsonFile, count);
    const openApiFile = path.join(work, "openapi.json");
    let openApi: string | undefined;
    const keepOpenApi = async (url: string) => {
      openApi ??= await fetchOpenApi(url);
    };

    const naiveEnv = { ACCOUNT_ID: String(seeded.accountId) };
    const plan: { spec: ServerSpec; routes: Route[]; after?: (url: string) => Promise<void> }[] = [
      {
        spec: benchServer("HTTP ceiling (Fastify, memory)", "ceiling-server.ts", apiKey, {
          BENCH_CUSTOMERS: String(count),
        }),
        routes: ROUTES,
      },
      {
        spec: benchServer("naive Fastify + PGlite", "naive-server.ts", apiKey, {
          ...naiveEnv,
          DATA_DIR: path.join(work, "pglite-naive"),
          DATABASE_URL: "",
        }),
        routes: ROUTES,
      },
      {
        spec: latchwork("Latchwork PGlite", apiKey, { dataDir: pgliteDir }),
        routes: LATCHWORK_ROUTES,
        after: keepOpenApi,
      },
    ];
    if (pgUrls) {
      plan.push(
        {
          spec: benchServer("naive Fastify + pg", "naive-server.ts", apiKey, {
            ...naiveEnv,
            DATABASE_URL: pgUrls.naive,
          }),
          routes: ROUTES,
        },
        {
          spec: latchwork("Latchwork PostgreSQL", apiKey, { url: pgUrls.latchwork }),
          routes: LATCHWORK_ROUTES,
          after: keepOpenApi,
        },
      );
    }
    plan.push({ spec: jsonServer(jsonFile), routes: ROUTES });

    const smoke = async (url: string, spec: ServerSpec, route: Route, say: (line: string) => void) => {
      const request = nextRequest({
        url,
        dialect: spec.dialect,
        route,
        count,
        synced,
        apiKey,
        durationSeconds,
      });
      const response = await fetch(`${url}${request.path}`, {
        method: request.method,
        headers: { authorization: `Basic ${apiKey}`, "content-type": "application/json" },
        ...(request.body ? { body: request.body } : {}),
      });
      const text = await response.text();
      if (!response.ok) say(`${spec.name} ${route}: answers ${response.status} ${text.slice(0, 200)}`);
    };
    const load = (url: string, dialect: ServerSpec["dialect"], route: Route, extra = {}) =>
      runLoad({ url, dialect, route, count, synced, apiKey, durationSeconds, ...extra });

    const runServer = async (spec: ServerSpec, routes: Route[], after?: (url: string) => Promise<void>) => {
      log(`${spec.name}: starting`);
      let server = await spec.start();
      // a restarted server's row keeps the first start's cold start and the peak RSS of every start
      let restartedPeakRssMb = 0;
      let coldStartMs: number | undefined;
      const serverRows: HttpRow[] = [];
      try {
        for (const route of routes) await smoke(server.url, spec, route, log);
        await load(server.url, spec.dialect, "GET", { durationSeconds: Math.min(2, durationSeconds) });
        for (const route of routes) {
          // the requests autocannon abandoned at the end of the last run are answered before this one starts;
          // json-server rewrites its whole file per write, and its queue of abandoned PUTs took 213 s to
          // drain at 100,000 customers: a server still busy after DRAIN_MS is restarted instead
          const drained = await Promise.race([
            smoke(server.url, spec, "GET", log).then(() => true),
            sleep(DRAIN_MS).then(() => false),
          ]);
          if (!drained) {
            log(
              `${spec.name}: still answering the last run's requests after ${DRAIN_MS / 1000} s; restarted`,
            );
            restartedPeakRssMb = Math.max(restartedPeakRssMb, server.peakRssMb());
            coldStartMs ??= server.coldStartMs;
            await server.stop();
            server = await spec.start();
            await smoke(server.url, spec, "GET", log);
          }
          const result = await load(server.url, spec.dialect, route);
          serverRows.push({ server: spec.name, route, ...result });
          log(`${spec.name} ${route}: ${Math.round(result.rps)} req/s, p99 ${result.p99} ms`);
          if (spec.name === "Latchwork PostgreSQL" && (route === "GET" || route === "PUT")) {
            const offeredRps = Math.max(1, Math.round(result.rps / 2));
            await smoke(server.url, spec, "GET", log);
            const half = await load(server.url, spec.dialect, route, { overallRate: offeredRps });
            serverRows.push({ server: `${spec.name} at half load`, route, offeredRps, ...half });
          }
        }
        await after?.(server.url);
      } finally {
        const rssMb = Math.max(restartedPeakRssMb, server.peakRssMb());
        for (const row of serverRows) row.rssMb = rssMb;
        const first = serverRows[0];
        if (first) first.coldStartMs = coldStartMs ?? server.coldStartMs;
        await server.stop();
      }
      rows.push(...serverRows);
    };

    for (const { spec, routes, after } of plan) if (wanted(spec.name)) await runServer(spec, routes, after);
    if (!wanted("Prism 5.14 mock")) {
      // left out by BENCH_SERVERS
    } else if (openApi) {
      writeFileSync(openApiFile, openApi);
      await runServer(prism(openApiFile, apiKey), ROUTES);
    } else {
      rows.push({ server: "Prism 5.14 mock", route: "-", skipped: "skipped: no /openapi.json" });
    }
  } finally {
    await postgres?.stop();
    rmSync(work, { recursive: true, force: true });
  }
  return rows;
}

async function seed(
  database: { dataDir: string } | { url: string },
  count: number,
  apiKey: string,
  synced: number,
): Promise<SeedResult> {
  const handle = await openDatabase(
    "url" in database ? { url: database.url } : { dataDir: database.dataDir },
  );
  try {
    return await seedLatchwork(handle.db, { count, apiKey, synced });
  } finally {
    await handle.db.destroy();
  }
}

async function seedPostgres(url: string, count: number, apiKey: string, synced: number) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query("create database latchwork");
    await seed({ url: withDatabase(url, "latchwork") }, count, apiKey, synced);
    await admin.query("create database naive template latchwork");
  } finally {
    await admin.end();
  }
  return { latchwork: withDatabase(url, "latchwork"), naive: withDatabase(url, "naive") };
}

/** json-server's database: the same customers as GET answers them, ids as strings (its own rule). */
export function writeJsonServerFile(file: string, count: number): void {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    parts.push(JSON.stringify({ ...customerJson(i, "http://127.0.0.1"), id: String(ID_BASE + i) }));
  }
  writeFileSync(file, `{"customers":[${parts.join(",")}]}`);
}

/** Latchwork's OpenAPI document, for Prism; undefined until the app serves one. */
async function fetchOpenApi(url: string): Promise<string | undefined> {
  const response = await fetch(`${url}/openapi.json`);
  const text = await response.text();
  return response.ok && text.includes('"openapi"') ? text : undefined;
}
