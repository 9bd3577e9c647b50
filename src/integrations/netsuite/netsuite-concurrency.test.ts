import assert from "node:assert/strict";
import { before, beforeEach, test } from "node:test";
import { sql } from "kysely";
import { SyncWorker } from "../../sync/sync-worker.ts";
import { clearFaults, injectFault, selfUrl } from "../../testing/integration-test-kit.ts";
import {
  createNetsuiteRecords,
  netsuiteSyncedCustomers,
  pendingPushes,
  readNetsuiteRecords,
  resetSandboxStats,
  sandboxStats,
} from "../../testing/sync-test-kit.ts";
import { describeOnEachBackend, type TestAccount } from "../../testing/test-app.ts";
import { createNetsuitePusher } from "./netsuite-pusher.ts";

describeOnEachBackend("NetSuite concurrency across sync workers", (ctx) => {
  before(async () => {
    await ctx.app.listen({ port: 0, host: "127.0.0.1" });
  });
  beforeEach(() => clearFaults(ctx, "netsuite"));

  // no call may time out because the machine is busy: a call sent again while the sandbox still holds the
  // first would count as a sixth request in flight
  const deps = () => ({ db: ctx.db, selfUrl: () => selfUrl(ctx), crmTimeoutMs: 60_000 });
  /**
   * A worker as a process of its own would run it: its own pusher (so its own
   * in-process gate), claiming one small batch per round, so that two workers
   * without a shared cap would have 10 requests out at once.
   */
  const newWorker = (pushed: number[], index: number) =>
    new SyncWorker(deps(), {
      pushers: [createNetsuitePusher(deps(), { batchSize: 5 })],
      batchesPerRound: 1,
      backoff: { baseMs: 1, capMs: 10 },
      maxAttempts: 50,
      onOutcome: (_crm, settled) => {
        if (settled === "pushed") pushed[index] = (pushed[index] ?? 0) + 1;
      },
    });

  /** Both workers drain the account's outbox side by side, as two processes would. */
  async function runSideBySide(accountId: number): Promise<number[]> {
    const pushed = [0, 0];
    const workers = [newWorker(pushed, 0), newWorker(pushed, 1)];
    await Promise.all(
      workers.map(async (worker) => {
        for (let round = 0; round < 5_000 && (await pendingPushes(ctx, accountId)) > 0; round++) {
          const result = await worker.runRound();
          if (result.pushed + result.retried === 0) await new Promise((resolve) => setTimeout(resolve, 2));
        }
      }),
    );
    assert.equal(await pendingPushes(ctx, accountId), 0, "the outbox drained");
    return pushed;
  }

  async function renamedRecords(account: TestAccount, count: number) {
    const records = await createNetsuiteRecords(ctx, count);
    const customers = await netsuiteSyncedCustomers(ctx, account.accountId, records);
    await ctx.db
      .updateTable("customers")
      .set({ companyName: sql<string>`${sql.lit("Shared ")} || id` })
      .where("accountId", "=", account.accountId)
      .execute();
    // slow answers keep requests open long enough to overlap, with a margin for a busy machine (seeing the
    // peak still relies on it; a fault that holds requests until the test releases them would make it certain)
    await injectFault(ctx, "netsuite", { kind: "latency", durationMs: 10 * 60_000, delayMs: 200 });
    await resetSandboxStats(ctx, "netsuite");
    return { records, customers };
  }

  async function assertDelivered(records: string[], customers: number[]) {
    await clearFaults(ctx, "netsuite");
    const names = await readNetsuiteRecords(ctx, records);
    const wrong = names.filter((record, index) => record.companyName !== `Shared ${customers[index]}`);
    assert.equal(wrong.length, 0, JSON.stringify(wrong.slice(0, 3)));
  }

  test("two workers on one database keep to NetSuite's 5 concurrent requests between them", async (t) => {
    const account = await ctx.newAccount();
    const { records, customers } = await renamedRecords(account, 30);
    const pushed = await runSideBySide(account.accountId);
    const stats = await sandboxStats(ctx, "netsuite");
    t.diagnostic(`pushes per worker ${pushed.join(" + ")}, peak concurrency ${stats.peakConcurrency}`);
    assert.equal(stats.peakConcurrency, 5, JSON.stringify(stats));
    assert.equal(stats.concurrencyRejections, 0, JSON.stringify(stats));
    assert.equal(stats.byStatus["429"], undefined, JSON.stringify(stats));
    await assertDelivered(records, customers);
  });

  test("a connection's concurrency setting caps both workers together", async () => {
    const account = await ctx.newAccount();
    const credentials = {
      accountId: "SANDBOX",
      consumerKey: "ck",
      consumerSecret: "cs",
      tokenId: `capped-${account.accountId}`,
      tokenSecret: "ts",
    };
    const saved = await ctx.app.inject({
      method: "PUT",
      url: "/v1/integrations/netsuite",
      headers: account.headers,
      payload: { baseUrl: `${selfUrl(ctx)}/sandbox/netsuite`, credentials, settings: { concurrency: 2 } },
    });
    assert.equal(saved.statusCode, 200, saved.body);
    const { records, customers } = await renamedRecords(account, 12);
    await runSideBySide(account.accountId);
    const stats = await sandboxStats(ctx, "netsuite");
    assert.equal(stats.peakConcurrency, 2, JSON.stringify(stats));
    await assertDelivered(records, customers);
  });
});
