import assert from "node:assert/strict";
import { test } from "node:test";
import { sql } from "kysely";
import { insertCustomer } from "../customers/customer-repository.ts";
import type { CrmConnection, CrmName } from "../integrations/crm-connection.ts";
import type { CrmPusher, PushOutcome, PushTarget } from "../integrations/crm-pusher.ts";
import { describeOnEachBackend } from "../testing/test-app.ts";
import { waitFor } from "../testing/wait-for.ts";
import { enqueuePush } from "./outbox/enqueue-push.ts";
import { outboxStats } from "./outbox/outbox-stats.ts";
import { SyncWorker } from "./sync-worker.ts";

/** The longest delay a timer takes (~24.8 days): a poll or linger the test must never see end by itself. */
const FOREVER_MS = 2_147_483_647;

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

  /** The account's pushes became due `minutes` earlier: the linger time passes without being waited for. */
  async function age(accountId: number, minutes: number) {
    await sql`update sync_outbox set available_at = available_at - make_interval(mins => ${minutes}) where account_id = ${accountId}`.execute(
      ctx.db,
    );
  }

  // the linger times below are an hour: however slow the machine, a test never sees one end by itself
  test("a batching CRM waits for a full batch or for the linger time, whichever comes first", async () => {
    const pusher = new RecordingPusher("hubspot", 100);
    const { accountId } = await syncedCustomers(3, "hubspot");
    const worker = new SyncWorker(deps(), { pushers: [pusher], lingerMs: 60 * 60_000 });
    assert.equal((await worker.runRound()).pushed, 0, "3 of 100 and younger than the linger time: wait");
    await age(accountId, 61);
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
    const lingering = new SyncWorker(deps(), { pushers: [pusher], lingerMs: 60 * 60_000 });
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
    // its round claims everything, then hangs in the push for good
    await waitFor(
      "the killed worker's claims",
      () =>
        ctx.db
          .selectFrom("syncOutbox")
          .select("claimedBy")
          .where("customerId", "in", ids)
          .where("crm", "=", "hubspot")
          .execute(),
      (rows) => rows.length === ids.length && rows.every((row) => row.claimedBy === killed.workerId),
    );
    const survivor = new SyncWorker(deps(), { pushers: [pusher], leaseMs: 60_000, lingerMs: 0 });
    assert.equal((await survivor.runRound()).pushed, 0, "not while the lease lasts");
    // the lease runs out (moved back in time rather than waited for)
    await sql`update sync_outbox set claimed_at = claimed_at - interval '10 minutes' where claimed_by = ${killed.workerId}`.execute(
      ctx.db,
    );
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
    // no poll would ever come: only the end of the linger time can send the batch (a failure hangs, and says so)
    const worker = new SyncWorker(deps(), { pushers: [pusher], pollMs: FOREVER_MS, lingerMs: 50 });
    worker.start();
    await waitFor(
      "the lingering batch",
      () => pusher.calls.flat().length,
      (sent) => sent >= 3,
    );
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
    await waitFor(
      "the worker to push all 10",
      () => pusher.calls.flat().length,
      (sent) => sent >= 10,
    );
    await worker.stop();
    assert.equal(pusher.calls.flat().length, 10);
  });
});

test("the worker has an id of its own", () => {
  const a = new SyncWorker({ db: undefined as never, selfUrl: () => "" }, { pushers: [] });
  const b = new SyncWorker({ db: undefined as never, selfUrl: () => "" }, { pushers: [] });
  assert.notEqual(a.workerId, b.workerId);
});
