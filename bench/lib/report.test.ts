import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { HttpRow } from "../http-bench.ts";
import { httpChecks, syncChecks } from "./report.ts";

const row = (
  server: string,
  route: HttpRow["route"],
  rps: number,
  extra: Partial<HttpRow> = {},
): HttpRow => ({
  server,
  route,
  rps,
  p50: 1,
  p99: 2,
  errors: 0,
  ...extra,
});

describe("the bench's target checks", () => {
  it("passes a ratio at the target and fails it just below", () => {
    const rows = [
      row("Latchwork PostgreSQL", "GET", 900),
      row("naive Fastify + pg", "GET", 1000),
      row("Latchwork PostgreSQL", "PUT", 899),
      row("naive Fastify + pg", "PUT", 1000),
    ];
    const checks = httpChecks(rows);
    const get = checks.find((check) => check.target.startsWith("PostgreSQL GET vs"));
    const put = checks.find((check) => check.target.startsWith("PostgreSQL PUT vs"));
    assert.deepEqual(get, {
      target: "PostgreSQL GET vs naive Fastify + pg ≥ 0.9 ×",
      value: "0.90 ×",
      pass: true,
    });
    assert.equal(put?.pass, false, JSON.stringify(put));
  });

  it("marks a target whose rows were not measured (or skipped) as neither pass nor fail", () => {
    const rows = [
      row("Latchwork PGlite", "GET", 100),
      { server: "Prism 5.14 mock", route: "-", skipped: "skipped" } as HttpRow,
    ];
    const prism = httpChecks(rows).find((check) => check.target.includes("Prism"));
    assert.deepEqual(prism, {
      target: "GET (PGlite) vs Prism ≥ 3 ×",
      value: "not measured",
      pass: undefined,
    });
  });

  it("checks cold start, RSS and half-load p99 against their limits", () => {
    const rows = [
      row("Latchwork PGlite", "GET", 100, { coldStartMs: 1200, rssMb: 300 }),
      row("Latchwork PostgreSQL at half load", "GET", 50, { p99: 9 }),
    ];
    const checks = httpChecks(rows);
    assert.equal(
      checks.find((check) => check.target.includes("cold start"))?.pass,
      false,
      JSON.stringify(checks),
    );
    assert.equal(checks.find((check) => check.target.includes("RSS"))?.pass, true, JSON.stringify(checks));
    assert.equal(
      checks.find((check) => check.target.includes("GET p99 at half"))?.pass,
      true,
      JSON.stringify(checks),
    );
  });

  it("leaves the call budget unjudged when the run made another number of changes than 1,000", () => {
    const [calls] = syncChecks([
      {
        database: "postgres",
        crm: "hubspot",
        changes: 50,
        vendorCalls: 3,
        rateLimited: 0,
        p50Ms: 1,
        p95Ms: 1,
        drainSeconds: 1,
        writeSeconds: 1,
      },
    ]);
    assert.deepEqual(
      calls,
      {
        target: "sync postgres hubspot calls for 1,000 changes ≤ 10 calls",
        value: "3 calls for 50 changes",
        pass: undefined,
      },
      JSON.stringify(calls),
    );
  });

  it("fails a latency limit when the run got no answer at all", () => {
    const rows = [row("Latchwork PostgreSQL at half load", "PUT", 0, { p99: 0, requests: 0 })];
    const put = httpChecks(rows).find((check) => check.target.includes("PUT p99 at half"));
    assert.deepEqual(put, {
      target: "PostgreSQL PUT p99 at half load ≤ 10 ms",
      value: "no answer",
      pass: false,
    });
  });

  it("holds each CRM to its call budget per 1,000 changes, no 429 and p95 within a second", () => {
    const checks = syncChecks([
      {
        database: "pglite",
        crm: "hubspot",
        changes: 1000,
        vendorCalls: 11,
        rateLimited: 0,
        p50Ms: 1,
        p95Ms: 900,
        drainSeconds: 1,
        writeSeconds: 1,
      },
      {
        database: "pglite",
        crm: "salesforce",
        changes: 1000,
        vendorCalls: 5,
        rateLimited: 1,
        p50Ms: 1,
        p95Ms: 1001,
        drainSeconds: 1,
        writeSeconds: 1,
      },
    ]);
    const verdicts = Object.fromEntries(checks.map((check) => [check.target, check.pass]));
    assert.deepEqual(
      verdicts,
      {
        "sync pglite hubspot calls for 1,000 changes ≤ 10 calls": false,
        "sync pglite hubspot 429s ≤ 0 429s": true,
        "sync pglite hubspot propagation p95 ≤ 1000 ms": true,
        "sync pglite salesforce calls for 1,000 changes ≤ 5 calls": true,
        "sync pglite salesforce 429s ≤ 0 429s": false,
        "sync pglite salesforce propagation p95 ≤ 1000 ms": false,
      },
      JSON.stringify(checks),
    );
  });
});
