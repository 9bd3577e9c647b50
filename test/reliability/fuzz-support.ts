import assert from "node:assert/strict";
import { sql } from "kysely";
import type { Db } from "../../src/db/database.ts";
import type { App } from "../../src/http/app.ts";

/** How many requests a fuzz property sends: a short run under `npm test`, the long one under `npm run test:reliability`. */
export function fuzzRuns(short: number, long: number): number {
  return process.env.LATCHWORK_RELIABILITY === "long" ? long : short;
}

/** A fixed seed, so a failure replays; `LATCHWORK_FUZZ_SEED` explores others. */
export function fuzzSeed(): number {
  const fromEnv = Number(process.env.LATCHWORK_FUZZ_SEED);
  return Number.isInteger(fromEnv) ? fromEnv : 20261129;
}

export interface RouteInfo {
  /** The pattern as the router prints it (lower-cased: routes are case-insensitive), e.g. `/v1/customers/:id`. */
  path: string;
  methods: string[];
}

/**
 * Every route the app serves, read from `printRoutes()`'s tree, so that an
 * endpoint added later is fuzzed without anyone listing it here.
 */
export function listRoutes(app: App): RouteInfo[] {
  const routes: RouteInfo[] = [];
  const prefixes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split("\n")) {
    const match = /^((?:[│ ] {3})*)[├└]── (\S+)(?: \(([^)]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? "").length / 4;
    const path = (depth > 0 ? (prefixes[depth - 1] ?? "") : "") + match[2];
    prefixes.length = depth;
    prefixes[depth] = path;
    if (match[3]) routes.push({ path, methods: match[3].split(", ") });
  }
  return routes;
}

/**
 * One digest of everything a request can change: customers (with their CRM
 * links and synch statuses), the sync outbox and state, and CRM connections.
 */
export async function dataChecksum(db: Db): Promise<string> {
  const result = await sql<{ digest: string }>`
    select md5(
      coalesce((select string_agg(c::text, '|' order by c.id) from customers c), '') || '#' ||
      coalesce((select string_agg(o::text, '|' order by o.id) from sync_outbox o), '') || '#' ||
      coalesce((select string_agg(s::text, '|' order by s.customer_id, s.crm) from sync_state s), '') || '#' ||
      coalesce((select string_agg(x::text, '|' order by x.account_id, x.crm) from crm_connections x), '')
    ) as digest`.execute(db);
  return result.rows[0]?.digest ?? "";
}

/**
 * A cheap witness of writes: the first transaction id not yet assigned. A
 * transaction gets an id only when it writes, so an unchanged witness proves
 * that nothing was written (read-only statements, this one included, assign
 * none). A moved one only says that something may have been: a write rolled
 * back moves it too, so the checksum then decides.
 */
async function writeWitness(db: Db): Promise<string> {
  const result = await sql<{
    xmax: string;
  }>`select pg_snapshot_xmax(pg_current_snapshot())::text as xmax`.execute(db);
  return result.rows[0]?.xmax ?? "";
}

/**
 * `dataChecksum` for a request loop: recomputed before a request only when
 * something was written since the last one, and after a rejected request only
 * when something may have been. A full checksum grows with the data, and a
 * long fuzz run creates thousands of customers.
 */
export class DataGuard {
  private witness = "";
  private checksum = "";

  constructor(private readonly db: Db) {}

  /** The checksum of the data now (from the cache when nothing was written since). */
  async current(): Promise<string> {
    const witness = await writeWitness(this.db);
    if (witness !== this.witness) {
      this.checksum = await dataChecksum(this.db);
      this.witness = witness;
    }
    return this.checksum;
  }

  /** Whether the data differs from `before` (a value of `current()`). */
  async changedSince(before: string): Promise<boolean> {
    return (await this.current()) !== before;
  }
}

export interface Answer {
  statusCode: number;
  body: string;
}

/** Asserts the Fusebill error envelope with the answer's own status in it. */
export function assertEnvelope(answer: Answer, context: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    assert.fail(`${context}: an error that is not JSON: ${answer.statusCode} ${answer.body.slice(0, 500)}`);
  }
  const body = parsed as { ErrorId?: unknown; HttpStatusCode?: unknown; Errors?: unknown };
  assert.equal(body.ErrorId, 0, `${context}: ${answer.body}`);
  assert.equal(body.HttpStatusCode, answer.statusCode, `${context}: ${answer.body}`);
  assert.ok(Array.isArray(body.Errors) && body.Errors.length > 0, `${context}: ${answer.body}`);
  for (const error of body.Errors as { Key?: unknown; Value?: unknown }[]) {
    assert.equal(error.Key, "Api Error", `${context}: ${answer.body}`);
    assert.ok(typeof error.Value === "string" && error.Value.length > 0, `${context}: ${answer.body}`);
  }
}
