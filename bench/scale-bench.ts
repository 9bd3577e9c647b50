/**
 * `npm run bench:scale` (not part of `npm run bench`): 1,000,000 customers on
 * a PostgreSQL the bench starts; Latchwork as its own process; the list with
 * query and paging (`lastName:Sm*`, pages of 20 among the first 50) at full
 * load and at half of it, and GET by id; p50/p99 and the server's peak RSS.
 * Writes bench/results/scale-latest.json. BENCH_SCALE_CUSTOMERS (default
 * 1,000,000), BENCH_DURATION (s, default 10).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { generateApiKey } from "../src/accounts/api-key.ts";
import { openDatabase } from "../src/db/database.ts";
import { startPostgres, withDatabase } from "../src/testing/postgres-server.ts";
import { type Route, runLoad } from "./lib/load.ts";
import { type Check, machine, p99Limit, printChecks } from "./lib/report.ts";
import { seedLatchwork } from "./lib/seed.ts";
import { latchwork } from "./lib/servers.ts";

const count = Number(process.env.BENCH_SCALE_CUSTOMERS ?? 1_000_000);
const durationSeconds = Number(process.env.BENCH_DURATION ?? 10);
const started = Date.now();
const host = machine();
const log = (line: string) =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

const apiKey = generateApiKey();
const postgres = await startPostgres();
const rows: Record<string, unknown>[] = [];
let checks: Check[] = [];
try {
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  await admin.query("create database scale");
  await admin.end();
  const url = withDatabase(postgres.url, "scale");
  log(`seeding ${count.toLocaleString("en")} customers into PostgreSQL (not measured)…`);
  const handle = await openDatabase({ url });
  await seedLatchwork(handle.db, {
    count,
    apiKey,
    onProgress: (done) => {
      if (done % 100_000 === 0) log(`  ${done.toLocaleString("en")}`);
    },
  });
  await handle.db.destroy();

  const server = await latchwork("Latchwork PostgreSQL", apiKey, { url }).start();
  try {
    const load = (route: Route, overallRate?: number) =>
      runLoad({
        url: server.url,
        dialect: "fusebill",
        route,
        count,
        apiKey,
        durationSeconds,
        ...(overallRate ? { overallRate } : {}),
      });
    await load("GET");
    for (const route of ["LIST", "GET"] as const) {
      const full = await load(route);
      rows.push({ route, load: "max", ...full });
      const offeredRps = Math.max(1, Math.round(full.rps / 2));
      const half = await load(route, offeredRps);
      rows.push({ route, load: "half", offeredRps, ...half });
      log(`${route}: ${Math.round(full.rps)} req/s (p99 ${full.p99} ms); at half load p99 ${half.p99} ms`);
    }
    const rssMb = Math.round(server.peakRssMb());
    for (const row of rows) row.rssMb = rssMb;
    const listHalf = rows.find((row) => row.route === "LIST" && row.load === "half");
    checks = [
      p99Limit(
        `list with query at ${count.toLocaleString("en")} customers, half load, p99`,
        listHalf as { p99?: number; requests?: number } | undefined,
        20,
      ),
    ];
    log(`cold start ${Math.round(server.coldStartMs)} ms, peak RSS ${rssMb} MB`);
  } finally {
    await server.stop();
  }
} finally {
  await postgres.stop();
}

console.table(rows);
printChecks(checks);
const file = path.resolve(import.meta.dirname, "results/scale-latest.json");
writeFileSync(
  file,
  `${JSON.stringify({ date: new Date().toISOString(), machine: host, settings: { count, durationSeconds, connections: 32 }, rows, checks }, null, 2)}\n`,
);
log(`wrote ${path.relative(process.cwd(), file)}`);
process.exit(0);
