/**
 * `npm run bench`: the HTTP part (bench/http-bench.ts) and the sync part
 * (bench/sync-bench.ts) in one run; prints one table, the targets with
 * pass/fail marks, and writes bench/results/latest.json with the same numbers
 * and the machine description. BENCH_DURATION (s, default 10),
 * BENCH_CUSTOMERS (default 100,000), BENCH_SYNC_CHANGES (default 1,000);
 * BENCH_PARTS=http or sync runs one part, BENCH_SERVERS=json,prism only the
 * servers whose names contain one of these words.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { type HttpRow, runHttpBench } from "./http-bench.ts";
import { httpChecks, machine, printChecks, printHttpTable, syncChecks } from "./lib/report.ts";
import { printSyncTable, runSyncBench, type SyncRow } from "./sync-bench.ts";

const durationSeconds = Number(process.env.BENCH_DURATION ?? 10);
const customers = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const changes = Number(process.env.BENCH_SYNC_CHANGES ?? 1000);
const parts = (process.env.BENCH_PARTS ?? "http,sync").split(",");
const started = Date.now();
const host = machine();
const log = (line: string) =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

log(
  `bench: ${customers.toLocaleString("en")} customers, ${durationSeconds} s per route, 32 connections; ` +
    `${host.cpus} × ${host.cpu}, load average ${host.loadAverageAtStart.join(" ")}`,
);
const http: HttpRow[] = parts.includes("http")
  ? await runHttpBench({ durationSeconds, customers, log, only: process.env.BENCH_SERVERS?.split(",") })
  : [];
const sync: SyncRow[] = parts.includes("sync") ? await runSyncBench({ changes, log }) : [];

if (http.length > 0) {
  console.log(
    `\nHTTP: ${durationSeconds} s per route, 32 connections, random ids over ${customers.toLocaleString("en")} customers (~1 KB)`,
  );
  printHttpTable(http);
  console.log(
    [
      "Notes: autocannon runs in this process on the same cores as the server under test (each server is its own",
      "process, one at a time). Latchwork runs with LOG_LEVEL=warn (the baselines log nothing) and WORKER=off (the",
      "sync part measures the worker); 'PUT synced' writes customers latched to Salesforce with sync Enabled, so",
      "each PUT also writes the outbox. json-server 1.0 has no prefix filter: its LIST is lastName=Smith. RSS is",
      "the server process's peak; cold start is spawn → first successful GET; 'at half load' offers half the",
      "measured maximum.",
    ].join("\n"),
  );
}
if (sync.length > 0) {
  console.log(
    `\nSync: ${changes} changes to ${changes} synced customers per CRM, sandbox CRMs in their own process`,
  );
  printSyncTable(sync);
}
const checks = [...(http.length > 0 ? httpChecks(http) : []), ...syncChecks(sync)];
console.log("\nTargets (same run):");
printChecks(checks);

const file = path.resolve(import.meta.dirname, "results/latest.json");
writeFileSync(
  file,
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      seconds: Math.round((Date.now() - started) / 1000),
      machine: host,
      settings: { durationSeconds, customers, connections: 32, syncChanges: changes },
      http,
      sync,
      checks,
    },
    null,
    2,
  )}\n`,
);
log(`wrote ${path.relative(process.cwd(), file)}`);
process.exit(0);
