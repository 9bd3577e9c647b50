import os from "node:os";
import type { HttpRow } from "../http-bench.ts";
import type { SyncRow } from "../sync-bench.ts";

/** One target of the issue, computed from the same run, with its verdict. */
export interface Check {
  target: string;
  value: string;
  pass: boolean | undefined;
}

const find = (rows: HttpRow[], server: string, route: string) =>
  rows.find((row) => row.server === server && row.route === route && !row.skipped);

function ratio(
  rows: HttpRow[],
  label: string,
  ours: [string, string],
  theirs: [string, string],
  min: number,
): Check {
  const a = find(rows, ...ours)?.rps;
  const b = find(rows, ...theirs)?.rps;
  if (a === undefined || b === undefined)
    return { target: `${label} ≥ ${min} ×`, value: "not measured", pass: undefined };
  if (b === 0)
    return { target: `${label} ≥ ${min} ×`, value: "the baseline answered nothing", pass: undefined };
  const r = a / b;
  return { target: `${label} ≥ ${min} ×`, value: `${r.toFixed(2)} ×`, pass: r >= min };
}

function limit(label: string, value: number | undefined, max: number, unit: string): Check {
  if (value === undefined || Number.isNaN(value))
    return { target: `${label} ≤ ${max} ${unit}`, value: "not measured", pass: undefined };
  return { target: `${label} ≤ ${max} ${unit}`, value: `${Math.round(value)} ${unit}`, pass: value <= max };
}

/** A latency limit; a run that got no answer at all fails it (its percentiles read 0). */
export function p99Limit(
  label: string,
  row: { p99?: number; requests?: number } | undefined,
  max: number,
): Check {
  if (row?.requests === 0) return { target: `${label} ≤ ${max} ms`, value: "no answer", pass: false };
  return limit(label, row?.p99, max, "ms");
}

export function httpChecks(rows: HttpRow[]): Check[] {
  const lwPg = "Latchwork PostgreSQL";
  const lwLite = "Latchwork PGlite";
  const naivePg = "naive Fastify + pg";
  const naiveLite = "naive Fastify + PGlite";
  const prism = "Prism 5.14 mock";
  const json = "json-server 1.0 beta";
  return [
    ratio(rows, "PostgreSQL GET vs naive Fastify + pg", [lwPg, "GET"], [naivePg, "GET"], 0.9),
    ratio(rows, "PostgreSQL PUT vs naive Fastify + pg", [lwPg, "PUT"], [naivePg, "PUT"], 0.9),
    p99Limit("PostgreSQL GET p99 at half load", find(rows, `${lwPg} at half load`, "GET"), 10),
    p99Limit("PostgreSQL PUT p99 at half load", find(rows, `${lwPg} at half load`, "PUT"), 10),
    ratio(rows, "PGlite GET vs naive Fastify + PGlite", [lwLite, "GET"], [naiveLite, "GET"], 0.8),
    ratio(rows, "PGlite PUT vs naive Fastify + PGlite", [lwLite, "PUT"], [naiveLite, "PUT"], 0.8),
    limit(
      "PGlite cold start (100,000 customers on disk)",
      find(rows, lwLite, "GET")?.coldStartMs,
      1000,
      "ms",
    ),
    limit("PGlite RSS", find(rows, lwLite, "GET")?.rssMb, 400, "MB"),
    ratio(rows, "GET (PGlite) vs Prism", [lwLite, "GET"], [prism, "GET"], 3),
    ratio(rows, "GET (PGlite) vs json-server", [lwLite, "GET"], [json, "GET"], 1),
    ratio(rows, "PUT (PGlite) vs json-server", [lwLite, "PUT"], [json, "PUT"], 100),
  ];
}

export function syncChecks(rows: SyncRow[]): Check[] {
  const checks: Check[] = [];
  for (const row of rows) {
    const budget = row.crm === "hubspot" ? 10 : row.crm === "salesforce" ? 5 : undefined;
    const prefix = `sync ${row.database} ${row.crm}`;
    if (budget !== undefined && row.changes === 1000)
      checks.push(limit(`${prefix} calls for 1,000 changes`, row.vendorCalls, budget, "calls"));
    else if (budget !== undefined)
      checks.push({
        target: `${prefix} calls for 1,000 changes ≤ ${budget} calls`,
        value: `${row.vendorCalls} calls for ${row.changes} changes`,
        pass: undefined,
      });
    checks.push(limit(`${prefix} 429s`, row.rateLimited, 0, "429s"));
    checks.push(limit(`${prefix} propagation p95`, row.p95Ms, 1000, "ms"));
  }
  return checks;
}

const fmt = (value: number | undefined, digits = 0) =>
  value === undefined || Number.isNaN(value)
    ? ""
    : value.toLocaleString("en", { maximumFractionDigits: digits });

export function printHttpTable(rows: HttpRow[]): void {
  console.table(
    rows.map((row) => ({
      server: row.server,
      route: row.route,
      "req/s": row.skipped ?? fmt(row.rps),
      "offered req/s": fmt(row.offeredRps),
      "p50 ms": fmt(row.p50, 1),
      "p99 ms": fmt(row.p99, 1),
      errors: fmt(row.errors),
      "RSS MB": fmt(row.rssMb),
      "cold start ms": fmt(row.coldStartMs),
    })),
  );
}

export function printChecks(checks: Check[]): void {
  for (const check of checks) {
    const mark = check.pass === undefined ? "  -  " : check.pass ? "PASS " : "FAIL ";
    console.log(`${mark} ${check.target.padEnd(58)} ${check.value}`);
  }
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpu: cpus[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverageAtStart: os.loadavg().map((value) => Number(value.toFixed(2))),
    note: "the load generator (autocannon) runs on the same cores as the server under test",
  };
}
