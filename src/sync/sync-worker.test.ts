import assert from "node:assert/strict";
import { test } from "node:test";
import { insertCustomer } from "../customers/customer-repository.ts";
import type { CrmConnection, CrmName } from "../integrations/crm-connection.ts";
import { describeOnEachBackend } from "../testing/test-app.ts";
import type { CrmPusher, PushOutcome, PushTarget } from "./crm-pusher.ts";
import { enqueuePush } from "./outbox/enqueue-push.ts";
import { outboxStats } from "./outbox/outbox-stats.ts";
import { SyncWorker } from "./sync-worker.ts";

/** Stands in for a CRM: records every call and answers with a scripted outcome per customer. */
class RecordingPusher implements CrmPusher {
  calls: PushTarget[][] = [];
  script: (target: PushTarget, call: number) => PushOutcome = () => ({ status: "pushed" });
  constructor(
    readonly crm: CrmName,
    readonly batchSize: number,
  ) {}
  async push(_connection: CrmConnection, targets: PushTarget[]): Promise<PushOutcome[]> {
    this.calls.push(targets);
    return targets.map((target) => this.script(target, this.calls.length));
  }
}

describeOnEachBackend("sync worker", (ctx) => {
  const deps = () => ({ db: ctx.db, selfUrl: () => "http://127.0.0.1:9" });

  async function syncedCustomers(count: number, crm: CrmName) {
    const { accountId } = await ctx.newAccount();
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      const customer = await insertCustomer(ctx.db, {
        accountId,
        currency: "USD",
        firstName: `c${i}`,
        salesforceId: crm === "salesforce" ? `001000000000${String(i).padStart(3, "0")}AAA` : null,
        salesforceSynchStatus: crm === "salesforce" ? "Enabled" : null,
      });
      ids.push(customer.id);
      await enqueuePush(ctx.db, { accountId, customerId: customer.id, crm });
    }
    return { accountId, ids };
  }

  test("pending pushes go out in vendor-sized batches, once each", async () => {
    const pusher = new RecordingPusher("hubspot", 100);
    const { ids } = await syncedCustomers(250, "hubspot");
    const worker = new SyncWorker(deps(), { pushers: [pusher], lingerMs: 0 });
    const round = await worker.runRound();
    assert.equal(round.pushed, 250, JSON.stringify(round));
    assert.deepEqual(
      pusher.calls.map((call) => call.length),
      [100, 100, 50],
    );
    const pushedIds = pusher.calls
      .flat()
      .map((target) => target.customer.id)
      .sort();
    assert.deepEqual(pushedIds, [...ids].sort());
    assert.equal((await worker.runRound()).pushed, 0, "nothing is pushed twice");
  });

  test("a batching CRM waits for a full batch or for the linger time, whichever comes first", async () => {
    const pusher = new RecordingPusher("hubspot", 100);
    await syncedCustomers(3, "hubspot");
    const worker = new SyncWorker(deps(), { pushers: [pusher], lingerMs: 300 });
    assert.equal((await worker.runRound()).pushed, 0, "3 of 100 and younger than the linger time: wait");
    await new Promise((resolve) => setTimeout(resolve, 350));
    assert.equal((await worker.runRound()).pushed, 3, "the oldest waited long enough: go");

    await syncedCustomers(100, "hubspot");
    assert.equal((await worker.runRound()).pushed, 100, "a full batch goes at once");
    assert.deepEqual(
      pusher.calls.map((call) => call.length),
      [3, 100],
    );
  });

  test("while the oldest push is younger than the linger time, only whole batches are claimed", async () => {
    const pusher = new RecordingPusher("hubspot", 100);
    await syncedCustomers(150, "hubspot");
    const lingering = new SyncWorker(deps(), { pushers: [pusher], lingerMs: 60_000 });
    assert.equal((await lingering.runRound()).pushed, 100, "one full batch goes at once");
    assert.equal((await lingering.runRound()).pushed, 0, "the other 50 wait to fill the next batch");
    const impatient = new SyncWorker(deps(), { pushers: [pusher], lingerMs: 0 });
    assert.equal((await impatient.runRound()).pushed, 50, "once their time is up they go as they are");
    assert.deepEqual(
      pusher.calls.map((call) => call.length),
      [100, 50],
    );
  });

  test("a transient failure is retried later and a broken link is marked Error", async () => {
    const pusher = new RecordingPusher("salesforce", 200);
    const { accountId, ids } = await syncedCustomers(3, "salesforce");
    const [flaky, broken] = ids as [number, number, number];
    pusher.script = (target) =>
      target.customer.id === flaky
        ? { status: "retry", error: "503 Service Unavailable" }
        : target.customer.id === broken
          ? { status: "broken", error: "404 NOT_FOUND" }
          : { status: "pushed" };
    const worker = new SyncWorker(deps(), {
      pushers: [pusher],
      lingerMs: 0,
      backoff: { baseMs: 1, capMs: 1 },
    });
    const round = await worker.runRound();
    assert.deepEqual(round, { pushed: 1, retried: 1, broken: 1, dead: 0, held: 0 });
    const brokenRow = await ctx.db
      .selectFrom("customers")
      .select("salesforceSynchStatus")
      .where("id", "=", broken)
      .executeTakeFirst();
    assert.equal(brokenRow?.salesforceSynchStatus, "Error");

    pusher.script = () => ({ status: "pushed" });
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal((await worker.runRound()).pushed, 1, "the flaky push succeeds on retry");
    const stats = (await outboxStats(ctx.db, accountId)).find((row) => row.crm === "salesforce");
    assert.deepEqual(
      { pending: stats?.pending, dead: stats?.dead },
      { pending: 0, dead: 1 },
      JSON.stringify(stats),
    );
  });

  test("a push that keeps failing is dead-lettered after the maximum attempts", async () => {
    const pusher = new RecordingPusher("netsuite", 1);
    const { accountId } = await syncedCustomers(1, "netsuite");
    pusher.script = () => ({ status: "retry", error: "timeout" });
    const worker = new SyncWorker(deps(), {
      pushers: [pusher],
      maxAttempts: 3,
      backoff: { baseMs: 1, capMs: 1 },
    });
    const rounds = [];
    for (let i = 0; i < 3; i++) {
      rounds.push(await worker.runRound());
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.deepEqual(
      rounds.map((round) => [round.retried, round.dead]),
      [
        [1, 0],
        [1, 0],
        [0, 1],
      ],
    );
    const stats = (await outboxStats(ctx.db, accountId)).find((row) => row.crm === "netsuite");
    assert.equal(stats?.dead, 1, JSON.stringify(stats));
  });

  test("a worker killed mid-batch loses nothing: another takes over after the lease", async () => {
    const pusher = new RecordingPusher("hubspot", 100);
    const { ids } = await syncedCustomers(5, "hubspot");
    const killed = new SyncWorker(deps(), {
      lingerMs: 0,
      pushers: [
        {
          crm: "hubspot",
          batchSize: 100,
          push: () => new Promise<never>(() => {}),
        },
      ],
    });
    void killed.runRound();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const survivor = new SyncWorker(deps(), { pushers: [pusher], leaseMs: 50, lingerMs: 0 });
    await new Promise((resolve) => setTimeout(resolve, 60));
    const round = await survivor.runRound();
    assert.equal(round.pushed, 5, JSON.stringify(round));
    assert.deepEqual(
      pusher.calls
        .flat()
        .map((target) => target.customer.id)
        .sort(),
      [...ids].sort(),
    );
  });

  test("a started worker sends a lingering batch when its time is up, without waiting for the next poll", async () => {
    const pusher = new RecordingPusher("salesforce", 200);
    await syncedCustomers(3, "salesforce");
    const worker = new SyncWorker(deps(), { pushers: [pusher], pollMs: 600_000, lingerMs: 50 });
    worker.start();
    for (let i = 0; i < 500 && pusher.calls.flat().length < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await worker.stop();
    assert.deepEqual(
      pusher.calls.map((call) => call.length),
      [3],
    );
  });

  test("a started worker drains the queue by itself and stops cleanly", async () => {
    const pusher = new RecordingPusher("salesforce", 200);
    await syncedCustomers(10, "salesforce");
    const worker = new SyncWorker(deps(), { pushers: [pusher], pollMs: 10, lingerMs: 0 });
    worker.start();
    for (let i = 0; i < 200 && pusher.calls.flat().length < 10; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await worker.stop();
    assert.equal(pusher.calls.flat().length, 10);
  });
});

test("the worker has an id of its own", () => {
  const a = new SyncWorker({ db: undefined as never, selfUrl: () => "" }, { pushers: [] });
  const b = new SyncWorker({ db: undefined as never, selfUrl: () => "" }, { pushers: [] });
  assert.notEqual(a.workerId, b.workerId);
});
