import assert from "node:assert/strict";
import { before, beforeEach, test } from "node:test";
import { sql } from "kysely";
import { createNetsuitePusher } from "../integrations/netsuite/netsuite-pusher.ts";
import { oauth1Header } from "../integrations/netsuite/oauth1-signature.ts";
import { clearFaults, getCustomer, injectFault, selfUrl } from "../testing/integration-test-kit.ts";
import { callsTo, deadPushes, drain, resetSandboxStats, sandboxStats } from "../testing/sync-test-kit.ts";
import { describeOnEachBackend, type TestContext } from "../testing/test-app.ts";
import { SyncWorker } from "./sync-worker.ts";

describeOnEachBackend("NetSuite sync end to end over HTTP", (ctx) => {
  before(async () => {
    await ctx.app.listen({ port: 0, host: "127.0.0.1" });
  });
  // a failed test must not leave its faults to the next
  beforeEach(() => clearFaults(ctx, "netsuite"));

  const deps = () => ({ db: ctx.db, selfUrl: () => selfUrl(ctx), crmTimeoutMs: 500 });
  const newWorker = () =>
    new SyncWorker(deps(), {
      pushers: [createNetsuitePusher(deps())],
      backoff: { baseMs: 1, capMs: 10 },
      maxAttempts: 50,
    });

  test("changes reach the NetSuite records without ever exceeding the concurrency limit", async (t) => {
    const { accountId } = await ctx.newAccount();
    const records = await createRecords(ctx, 60);
    const customers = await syncedCustomers(ctx, accountId, records);
    await ctx.db
      .updateTable("customers")
      .set({ companyName: sql<string>`${sql.lit("Renamed ")} || id` })
      .where("accountId", "=", accountId)
      .execute();
    // slow answers make the pusher's requests overlap, as they would against a real account
    await injectFault(ctx, "netsuite", { kind: "latency", durationMs: 60_000, delayMs: 20 });
    await resetSandboxStats(ctx, "netsuite");

    await drain(ctx, newWorker(), accountId);
    await clearFaults(ctx, "netsuite");
    const stats = await sandboxStats(ctx, "netsuite");
    t.diagnostic(`60 changes: ${stats.requests} calls, peak concurrency ${stats.peakConcurrency}`);
    assert.equal(stats.peakConcurrency, 5, JSON.stringify(stats));
    assert.equal(stats.concurrencyRejections, 0, JSON.stringify(stats));
    // a PATCH that timed out on a busy machine is sent again: at least once each, and idempotent
    assert.ok(callsTo(stats, "PATCH") >= 60, JSON.stringify(stats));
    const names = await readRecords(ctx, records);
    const wrong = names.filter((record, index) => record.companyName !== `Renamed ${customers[index]}`);
    assert.equal(wrong.length, 0, JSON.stringify(wrong.slice(0, 3)));
  });

  test("an outage loses no change and creates no duplicate once it ends", async () => {
    const { accountId } = await ctx.newAccount();
    const records = await createRecords(ctx, 20);
    const customers = await syncedCustomers(ctx, accountId, records);
    const before = (await sandboxStats(ctx, "netsuite")).customers;
    const worker = newWorker();
    await injectFault(ctx, "netsuite", { kind: "500", count: 3 });
    await injectFault(ctx, "netsuite", { kind: "timeout", count: 1 });
    await injectFault(ctx, "netsuite", { kind: "429", count: 2 });
    await injectFault(ctx, "netsuite", { kind: "revoked", count: 1 });
    await ctx.db
      .updateTable("customers")
      .set({ companyName: sql<string>`${sql.lit("First ")} || id` })
      .where("accountId", "=", accountId)
      .execute();
    await worker.runRound();
    // a change made during the outage is the one that must arrive
    await ctx.db
      .updateTable("customers")
      .set({ companyName: sql<string>`${sql.lit("After outage ")} || id` })
      .where("accountId", "=", accountId)
      .execute();
    await drain(ctx, worker, accountId);

    assert.deepEqual(await deadPushes(ctx, accountId), []);
    assert.equal((await sandboxStats(ctx, "netsuite")).customers, before, "no record was created");
    const names = await readRecords(ctx, records);
    const wrong = names.filter((record, index) => record.companyName !== `After outage ${customers[index]}`);
    assert.equal(wrong.length, 0, JSON.stringify(wrong.slice(0, 3)));
  });

  test("a record deleted in NetSuite marks the customer's sync status Error", async () => {
    const account = await ctx.newAccount();
    const [kept, deleted] = await createRecords(ctx, 2);
    const [keptCustomer, brokenCustomer] = await syncedCustomers(ctx, account.accountId, [
      kept as string,
      deleted as string,
    ]);
    const response = await netsuiteCall(ctx, "DELETE", `/customer/${deleted}`);
    assert.equal(response.status, 204, await response.text());
    await ctx.db
      .updateTable("customers")
      .set({ firstName: "changed" })
      .where("accountId", "=", account.accountId)
      .execute();

    await drain(ctx, newWorker(), account.accountId);
    const broken = await getCustomer(ctx, account, brokenCustomer as number);
    assert.equal(broken.netsuiteSynchStatus, "Error", JSON.stringify(broken));
    const fine = await getCustomer(ctx, account, keptCustomer as number);
    assert.equal(fine.netsuiteSynchStatus, "Enabled", JSON.stringify(fine));
    assert.equal((await readRecord(ctx, kept as string)).firstName, "changed");
    const dead = await deadPushes(ctx, account.accountId);
    assert.deepEqual(
      dead.map((row) => row.customerId),
      [brokenCustomer],
      JSON.stringify(dead),
    );
  });
});

/** Customers latched to `netsuiteIds` with sync Enabled, inserted directly; the pushes their inserts queued are taken as done. */
async function syncedCustomers(
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

const CREDENTIALS = {
  realm: "SANDBOX",
  consumerKey: "e2e",
  consumerSecret: "e2e",
  token: "e2e",
  tokenSecret: "e2e",
};

/** A signed call to the sandbox's record API, as the test's own integration. */
function netsuiteCall(ctx: TestContext, method: string, path: string, body?: unknown): Promise<Response> {
  const url = `${selfUrl(ctx)}/sandbox/netsuite/services/rest/record/v1${path}`;
  return fetch(url, {
    method,
    headers: { authorization: oauth1Header(method, url, CREDENTIALS), "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** `count` new sandbox customer records (one POST each: NetSuite has no batch create), by internal id. */
async function createRecords(ctx: TestContext, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const response = await netsuiteCall(ctx, "POST", "/customer", { companyName: `Record ${index}` });
    assert.equal(response.status, 204, await response.text());
    ids.push(String(response.headers.get("location")?.split("/").pop()));
  }
  return ids;
}

/** One at a time: the sandbox refuses more than 5 concurrent requests, as NetSuite does. */
async function readRecords(ctx: TestContext, ids: string[]): Promise<Record<string, unknown>[]> {
  const records = [];
  for (const id of ids) records.push(await readRecord(ctx, id));
  return records;
}

async function readRecord(ctx: TestContext, id: string): Promise<Record<string, unknown>> {
  const response = await netsuiteCall(ctx, "GET", `/customer/${id}`);
  const body = await response.text();
  assert.equal(response.status, 200, body);
  return JSON.parse(body);
}
