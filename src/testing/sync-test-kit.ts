import assert from "node:assert/strict";
import type { CrmName, IntegrationDeps } from "../integrations/crm-connection.ts";
import type { CrmPusher } from "../integrations/crm-pusher.ts";
import { oauth1Header } from "../integrations/netsuite/oauth1-signature.ts";
import { SyncWorker } from "../sync/sync-worker.ts";
import { selfUrl } from "./integration-test-kit.ts";
import type { TestContext } from "./test-app.ts";
import { sleep } from "./wait-for.ts";

/**
 * Helpers for the end-to-end sync tests: the app listens on a real port, the
 * pushers reach the built-in sandboxes over HTTP, and a SyncWorker is driven
 * round by round until the account's outbox holds nothing but dead letters.
 */
export async function drain(ctx: TestContext, worker: SyncWorker, accountId: number): Promise<number> {
  for (let rounds = 1; rounds <= 500; rounds++) {
    await worker.runRound();
    if ((await pendingPushes(ctx, accountId)) === 0) return rounds;
    // retries wait for their (test-sized) backoff
    await sleep(5);
  }
  assert.fail(`the outbox of account ${accountId} still holds ${await pendingPushes(ctx, accountId)} pushes`);
}

/**
 * A worker that pushes with one CRM's pusher to the test app's own sandboxes, retrying within milliseconds
 * (up to 50 attempts); a sandbox connection whose credentials were refused is tried again at once. A call's
 * timeout is short only in a test whose hung call must end; elsewhere a call that a busy machine makes slow
 * would time out and be sent again, and the counts the tests assert would be off.
 */
export function endToEndWorker(
  ctx: TestContext,
  createPusher: (deps: IntegrationDeps) => CrmPusher,
  crmTimeoutMs = 60_000,
): SyncWorker {
  const deps = { db: ctx.db, selfUrl: () => selfUrl(ctx), crmTimeoutMs };
  return new SyncWorker(deps, {
    pushers: [createPusher(deps)],
    backoff: { baseMs: 1, capMs: 10 },
    maxAttempts: 50,
    sandboxProbe: { baseMs: 1, capMs: 10 },
  });
}

export async function pendingPushes(ctx: TestContext, accountId: number): Promise<number> {
  const row = await ctx.db
    .selectFrom("syncOutbox")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("accountId", "=", accountId)
    .where("deadAt", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function deadPushes(ctx: TestContext, accountId: number) {
  return ctx.db
    .selectFrom("syncOutbox")
    .select(["customerId", "crm", "lastError"])
    .where("accountId", "=", accountId)
    .where("deadAt", "is not", null)
    .execute();
}

export interface SandboxStats {
  requests: number;
  byPath: Record<string, number>;
  byStatus: Record<string, number>;
  [figure: string]: unknown;
}

export async function sandboxStats(ctx: TestContext, crm: CrmName): Promise<SandboxStats> {
  const response = await fetch(`${selfUrl(ctx)}/sandbox/${crm}/_stats`);
  const body = await response.text();
  assert.equal(response.status, 200, body);
  return JSON.parse(body);
}

export async function resetSandboxStats(ctx: TestContext, crm: CrmName): Promise<void> {
  const response = await fetch(`${selfUrl(ctx)}/sandbox/${crm}/_stats/reset`, { method: "POST" });
  assert.equal(response.status, 204, await response.text());
}

/** Requests whose path contains `fragment`, from the stats' byPath. */
export function callsTo(stats: SandboxStats, fragment: string): number {
  return Object.entries(stats.byPath)
    .filter(([path]) => path.includes(fragment))
    .reduce((sum, [, count]) => sum + count, 0);
}

/** A call to the HubSpot sandbox with bearer `token`; the answer's JSON (asserting a 2xx). */
export async function hubSpotCall(
  ctx: TestContext,
  token: string,
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${selfUrl(ctx)}/sandbox/hubspot${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  assert.ok(response.status < 300, `${path}: ${response.status} ${text}`);
  return JSON.parse(text);
}

/** `count` (≤ 100) new sandbox contacts, by id. */
export async function createHubSpotContacts(
  ctx: TestContext,
  token: string,
  count: number,
): Promise<string[]> {
  const inputs = Array.from({ length: count }, (_, i) => ({ properties: { firstname: `new${i}` } }));
  const created = await hubSpotCall(ctx, token, "/crm/v3/objects/contacts/batch/create", { inputs });
  return (created.results as { id: string }[]).map((record) => record.id);
}

/** The contacts' properties by id (≤ 100 ids); a missing contact is absent from the map. */
export async function readHubSpotContacts(
  ctx: TestContext,
  token: string,
  ids: string[],
): Promise<Map<string, Record<string, string | null>>> {
  const read = await hubSpotCall(ctx, token, "/crm/v3/objects/contacts/batch/read", {
    inputs: ids.map((id) => ({ id })),
    properties: ["firstname", "email"],
  });
  const results = read.results as { id: string; properties: Record<string, string | null> }[];
  return new Map(results.map((record) => [record.id, record.properties]));
}

/** Customers latched to those HubSpot contacts, inserted directly; the pushes their inserts queued are dropped. */
export async function latchedToContacts(
  ctx: TestContext,
  accountId: number,
  contactIds: string[],
): Promise<number[]> {
  const rows = await ctx.db
    .insertInto("customers")
    .values(
      contactIds.map((contactId, i) => ({
        accountId,
        currency: "USD",
        firstName: `before${i}`,
        hubSpotId: Number(contactId),
      })),
    )
    .returning("id")
    .execute();
  await ctx.db.deleteFrom("syncOutbox").where("accountId", "=", accountId).execute();
  return rows.map((row) => row.id);
}

/** The account's outbox rows, for assertions. */
export async function outboxRows(ctx: TestContext, accountId: number) {
  return ctx.db
    .selectFrom("syncOutbox")
    .select(["customerId", "crm", "attempts", "lastError", "deadAt", "claimedBy"])
    .where("accountId", "=", accountId)
    .orderBy("customerId")
    .execute();
}

/** Customers latched to `netsuiteIds` with sync Enabled, inserted directly; the pushes their inserts queued are taken as done. */
export async function netsuiteSyncedCustomers(
  ctx: TestContext,
  accountId: number,
  netsuiteIds: string[],
): Promise<number[]> {
  const rows = await ctx.db
    .insertInto("customers")
    .values(
      netsuiteIds.map((netsuiteId, index) => ({
        accountId,
        currency: "USD",
        firstName: `c${index}`,
        lastName: "Test",
        netsuiteId,
        netsuiteSynchStatus: "Enabled",
      })),
    )
    .returning(["id", "netsuiteId"])
    .execute();
  await ctx.db.deleteFrom("syncOutbox").where("accountId", "=", accountId).execute();
  const byRecord = new Map(rows.map((row) => [row.netsuiteId, row.id]));
  return netsuiteIds.map((id) => byRecord.get(id) as number);
}

const NETSUITE_CREDENTIALS = {
  realm: "SANDBOX",
  consumerKey: "e2e",
  consumerSecret: "e2e",
  token: "e2e",
  tokenSecret: "e2e",
};

/** A signed call to the NetSuite sandbox's record API, as the test's own integration. */
export function netsuiteCall(
  ctx: TestContext,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  const url = `${selfUrl(ctx)}/sandbox/netsuite/services/rest/record/v1${path}`;
  return fetch(url, {
    method,
    headers: {
      authorization: oauth1Header(method, url, NETSUITE_CREDENTIALS),
      "content-type": "application/json",
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** `count` new NetSuite sandbox customer records (one POST each: NetSuite has no batch create), by internal id. */
export async function createNetsuiteRecords(ctx: TestContext, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const response = await netsuiteCall(ctx, "POST", "/customer", { companyName: `Record ${index}` });
    assert.equal(response.status, 204, await response.text());
    ids.push(String(response.headers.get("location")?.split("/").pop()));
  }
  return ids;
}

/** One at a time: the sandbox refuses more than 5 concurrent requests, as NetSuite does. */
export async function readNetsuiteRecords(
  ctx: TestContext,
  ids: string[],
): Promise<Record<string, unknown>[]> {
  const records = [];
  for (const id of ids) records.push(await readNetsuiteRecord(ctx, id));
  return records;
}

export async function readNetsuiteRecord(ctx: TestContext, id: string): Promise<Record<string, unknown>> {
  const response = await netsuiteCall(ctx, "GET", `/customer/${id}`);
  const body = await response.text();
  assert.equal(response.status, 200, body);
  return JSON.parse(body);
}
