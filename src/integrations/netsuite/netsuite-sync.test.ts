import assert from "node:assert/strict";
import { before, beforeEach, test } from "node:test";
import { sql } from "kysely";
import { clearFaults, getCustomer, injectFault } from "../../testing/integration-test-kit.ts";
import {
  callsTo,
  createNetsuiteRecords,
  deadPushes,
  drain,
  endToEndWorker,
  netsuiteCall,
  netsuiteSyncedCustomers,
  readNetsuiteRecord,
  readNetsuiteRecords,
  resetSandboxStats,
  sandboxStats,
} from "../../testing/sync-test-kit.ts";
import { describeOnEachBackend } from "../../testing/test-app.ts";
import { createNetsuitePusher } from "./netsuite-pusher.ts";

describeOnEachBackend("NetSuite sync end to end over HTTP", (ctx) => {
  before(async () => {
    await ctx.app.listen({ port: 0, host: "127.0.0.1" });
  });
  // a failed test must not leave its faults to the next
  beforeEach(() => clearFaults(ctx, "netsuite"));

  const newWorker = (crmTimeoutMs?: number) => endToEndWorker(ctx, createNetsuitePusher, crmTimeoutMs);

  test("changes reach the NetSuite records without ever exceeding the concurrency limit", async (t) => {
    const { accountId } = await ctx.newAccount();
    const records = await createNetsuiteRecords(ctx, 60);
    const customers = await netsuiteSyncedCustomers(ctx, accountId, records);
    await ctx.db
      .updateTable("customers")
      .set({ companyName: sql<string>`${sql.lit("Renamed ")} || id` })
      .where("accountId", "=", accountId)
      .execute();
    // slow answers make the pusher's requests overlap, as they would against a real account: 200 ms is ample
    // time for the five of a batch to arrive together even on a busy machine (seeing peak 5 still relies on it;
    // a sandbox fault that holds requests until the test releases them would make it certain)
    await injectFault(ctx, "netsuite", { kind: "latency", durationMs: 10 * 60_000, delayMs: 200 });
    await resetSandboxStats(ctx, "netsuite");

    await drain(ctx, newWorker(), accountId);
    await clearFaults(ctx, "netsuite");
    const stats = await sandboxStats(ctx, "netsuite");
    t.diagnostic(`60 changes: ${stats.requests} calls, peak concurrency ${stats.peakConcurrency}`);
    assert.equal(stats.peakConcurrency, 5, JSON.stringify(stats));
    assert.equal(stats.concurrencyRejections, 0, JSON.stringify(stats));
    // a PATCH that timed out on a busy machine is sent again: at least once each, and idempotent
    assert.ok(callsTo(stats, "PATCH") >= 60, JSON.stringify(stats));
    const names = await readNetsuiteRecords(ctx, records);
    const wrong = names.filter((record, index) => record.companyName !== `Renamed ${customers[index]}`);
    assert.equal(wrong.length, 0, JSON.stringify(wrong.slice(0, 3)));
  });

  test("an outage loses no change and creates no duplicate once it ends", async () => {
    const { accountId } = await ctx.newAccount();
    const records = await createNetsuiteRecords(ctx, 20);
    const customers = await netsuiteSyncedCustomers(ctx, accountId, records);
    const before = (await sandboxStats(ctx, "netsuite")).customers;
    // a timed-out call comes back quickly: slowness under load only adds retries, which this test allows
    const worker = newWorker(500);
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
    const names = await readNetsuiteRecords(ctx, records);
    const wrong = names.filter((record, index) => record.companyName !== `After outage ${customers[index]}`);
    assert.equal(wrong.length, 0, JSON.stringify(wrong.slice(0, 3)));
  });

  test("a record deleted in NetSuite marks the customer's sync status Error", async () => {
    const account = await ctx.newAccount();
    const [kept, deleted] = await createNetsuiteRecords(ctx, 2);
    const [keptCustomer, brokenCustomer] = await netsuiteSyncedCustomers(ctx, account.accountId, [
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
    assert.equal((await readNetsuiteRecord(ctx, kept as string)).firstName, "changed");
    const dead = await deadPushes(ctx, account.accountId);
    assert.deepEqual(
      dead.map((row) => row.customerId),
      [brokenCustomer],
      JSON.stringify(dead),
    );
  });
});
