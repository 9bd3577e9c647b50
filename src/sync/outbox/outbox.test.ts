import assert from "node:assert/strict";
import { test } from "node:test";
import { insertCustomer } from "../../customers/customer-repository.ts";
import { describeOnEachBackend } from "../../testing/test-app.ts";
import { backoffMs } from "../backoff.ts";
import { claimPushes } from "./claim-pushes.ts";
import { enqueuePush } from "./enqueue-push.ts";
import { outboxStats } from "./outbox-stats.ts";
import { replayDeadPushes } from "./replay-dead.ts";
import { completePush, completePushes, failPush } from "./settle-push.ts";

describeOnEachBackend("sync outbox", (ctx) => {
  async function customers(count: number) {
    const { accountId } = await ctx.newAccount();
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      ids.push((await insertCustomer(ctx.db, { accountId, currency: "USD", firstName: `c${i}` })).id);
    }
    return { accountId, ids };
  }
  const claim = (workerId: string, crm = "hubspot", limit = 100, leaseMs = 60_000) =>
    claimPushes(ctx.db, { crm, workerId, limit, leaseMs });

  test("many changes to one customer coalesce into one pending push of the latest version", async () => {
    const { accountId, ids } = await customers(1);
    const customerId = ids[0] as number;
    for (let i = 0; i < 25; i++) await enqueuePush(ctx.db, { accountId, customerId, crm: "hubspot" });
    const claimed = (await claim("w1")).filter((item) => item.customerId === customerId);
    assert.equal(claimed.length, 1, JSON.stringify(claimed));
    assert.equal(claimed[0]?.version, 25, JSON.stringify(claimed));
    assert.equal(await completePush(ctx.db, claimed[0] as never, "w1"), "done");
    assert.equal((await claim("w1")).filter((item) => item.customerId === customerId).length, 0);
  });

  test("a change that arrives while its push is in flight is pushed again, not lost", async () => {
    const { accountId, ids } = await customers(1);
    const customerId = ids[0] as number;
    await enqueuePush(ctx.db, { accountId, customerId, crm: "salesforce" });
    const [inFlight] = await claim("w1", "salesforce");
    assert.ok(inFlight);
    await enqueuePush(ctx.db, { accountId, customerId, crm: "salesforce" });
    assert.equal(await completePush(ctx.db, inFlight, "w1"), "newer-pending");
    const [again] = await claim("w2", "salesforce");
    assert.equal(again?.customerId, customerId, JSON.stringify(again));
    assert.equal(again?.version, 2, JSON.stringify(again));
    assert.equal(await completePush(ctx.db, again as never, "w2"), "done");
  });

  test("a batch settled at once removes the pushed rows and releases the ones a newer change reached", async () => {
    const { accountId, ids } = await customers(3);
    const crm = "bulk-settle";
    for (const customerId of ids) await enqueuePush(ctx.db, { accountId, customerId, crm });
    const claimed = await claim("w1", crm);
    assert.equal(claimed.length, 3, JSON.stringify(claimed));
    const [, changed] = ids as [number, number, number];
    await enqueuePush(ctx.db, { accountId, customerId: changed, crm });
    const settled = await completePushes(ctx.db, claimed, "w1");
    assert.deepEqual(settled, { done: 2, newerPending: 1 }, JSON.stringify(settled));
    const [again, ...rest] = await claim("w2", crm);
    assert.equal(rest.length, 0, JSON.stringify(rest));
    assert.deepEqual([again?.customerId, again?.version], [changed, 2], JSON.stringify(again));
    const state = await ctx.db
      .selectFrom("syncState")
      .select(["customerId", "settledChanges", "lastPushedVersion"])
      .where("crm", "=", crm)
      .where("customerId", "in", ids)
      .orderBy("customerId")
      .execute();
    assert.deepEqual(
      state.map((row) => [Number(row.settledChanges), Number(row.lastPushedVersion)]),
      [
        [1, 1],
        [0, 1],
        [1, 1],
      ],
      JSON.stringify(state),
    );
    assert.deepEqual(
      await completePushes(ctx.db, claimed, "w1"),
      { done: 0, newerPending: 0 },
      "settled once",
    );
  });

  test("concurrent workers claim disjoint pushes", async () => {
    const { accountId, ids } = await customers(40);
    for (const customerId of ids) await enqueuePush(ctx.db, { accountId, customerId, crm: "netsuite" });
    const batches = await Promise.all(["a", "b", "c", "d"].map((worker) => claim(worker, "netsuite", 15)));
    const all = batches.flat().map((item) => item.customerId);
    assert.equal(new Set(all).size, all.length, `a push was claimed twice: ${JSON.stringify(batches)}`);
    assert.equal(all.length, 40, `every push is claimed once: ${all.length}`);
  });

  test("a claim whose worker died is recovered after its lease", async () => {
    const { accountId, ids } = await customers(1);
    const customerId = ids[0] as number;
    await enqueuePush(ctx.db, { accountId, customerId, crm: "hubspot-lease" });
    assert.equal((await claim("dead-worker", "hubspot-lease")).length, 1);
    assert.equal((await claim("w2", "hubspot-lease", 10, 60_000)).length, 0, "a live lease is respected");
    await new Promise((resolve) => setTimeout(resolve, 20));
    const recovered = await claim("w2", "hubspot-lease", 10, 1);
    assert.equal(recovered[0]?.customerId, customerId, JSON.stringify(recovered));
    assert.equal(await completePush(ctx.db, recovered[0] as never, "dead-worker"), "newer-pending");
    assert.equal(await completePush(ctx.db, recovered[0] as never, "w2"), "done");
  });

  test("a failed push waits for its backoff, and a dead one waits for a replay", async () => {
    const { accountId, ids } = await customers(1);
    const customerId = ids[0] as number;
    await enqueuePush(ctx.db, { accountId, customerId, crm: "crm-x" });
    const [first] = await claim("w1", "crm-x");
    await failPush(ctx.db, first as never, "w1", { error: "503 from CRM", retryInMs: 60_000, dead: false });
    assert.equal((await claim("w1", "crm-x")).length, 0, "not due before its backoff");

    await ctx.db
      .updateTable("syncOutbox")
      .set({ availableAt: new Date(0) })
      .where("customerId", "=", customerId)
      .execute();
    const [second] = await claim("w1", "crm-x");
    assert.equal(second?.attempts, 1, JSON.stringify(second));
    await failPush(ctx.db, second as never, "w1", { error: "503 again", retryInMs: 0, dead: true });
    assert.equal((await claim("w1", "crm-x")).length, 0, "dead letters are not retried");
    const stats = (await outboxStats(ctx.db, accountId)).find((row) => row.crm === "crm-x");
    assert.deepEqual(
      { pending: stats?.pending, dead: stats?.dead },
      { pending: 0, dead: 1 },
      JSON.stringify(stats),
    );

    assert.equal(await replayDeadPushes(ctx.db, accountId, "crm-x"), 1);
    const [replayed] = await claim("w1", "crm-x");
    assert.equal(replayed?.attempts, 0, JSON.stringify(replayed));
  });

  test("a new change revives a dead-lettered push", async () => {
    const { accountId, ids } = await customers(1);
    const customerId = ids[0] as number;
    await enqueuePush(ctx.db, { accountId, customerId, crm: "crm-y" });
    const [item] = await claim("w1", "crm-y");
    await failPush(ctx.db, item as never, "w1", { error: "404", retryInMs: 0, dead: true });
    await enqueuePush(ctx.db, { accountId, customerId, crm: "crm-y" });
    const [revived] = await claim("w1", "crm-y");
    assert.equal(revived?.customerId, customerId, JSON.stringify(revived));
  });
});

test("backoff grows exponentially, is jittered, and is capped", () => {
  assert.equal(backoffMs(0, { baseMs: 1000, random: () => 0.999999 }), 999);
  assert.equal(backoffMs(3, { baseMs: 1000, random: () => 0.5 }), 4000);
  assert.equal(backoffMs(50, { baseMs: 1000, capMs: 60_000, random: () => 0.5 }), 30_000);
  assert.equal(backoffMs(5, { random: () => 0 }), 0);
});

describeOnEachBackend("sync outbox trigger", (ctx) => {
  test("every change of a synced customer enqueues one coalesced push per linked CRM, and others none", async () => {
    const { accountId } = await ctx.newAccount();
    const plain = await insertCustomer(ctx.db, { accountId, currency: "USD", firstName: "plain" });
    const synced = await insertCustomer(ctx.db, {
      accountId,
      currency: "USD",
      firstName: "synced",
      salesforceId: "0014100000JJ3wtAAD",
      salesforceSynchStatus: "Enabled",
      netsuiteId: "1744203",
      netsuiteSynchStatus: "Disabled",
      hubSpotId: 101,
    });
    for (const name of ["a", "b", "c"]) {
      await ctx.db
        .updateTable("customers")
        .set({ firstName: name })
        .where("id", "in", [plain.id, synced.id])
        .execute();
    }
    const rows = await ctx.db
      .selectFrom("syncOutbox")
      .select(["customerId", "crm", "version"])
      .where("accountId", "=", accountId)
      .orderBy("crm")
      .execute();
    assert.deepEqual(
      rows.map((row) => [row.customerId, row.crm, Number(row.version)]),
      [
        [synced.id, "hubspot", 4],
        [synced.id, "salesforce", 4],
      ],
      JSON.stringify(rows),
    );
  });

  test("a write that rolls back enqueues nothing", async () => {
    const { accountId } = await ctx.newAccount();
    const customer = await insertCustomer(ctx.db, { accountId, currency: "USD", hubSpotCompanyId: 202 });
    await ctx.db.deleteFrom("syncOutbox").where("customerId", "=", customer.id).execute();
    await assert.rejects(
      ctx.db.transaction().execute(async (trx) => {
        await trx.updateTable("customers").set({ firstName: "x" }).where("id", "=", customer.id).execute();
        throw new Error("abort");
      }),
    );
    const rows = await ctx.db
      .selectFrom("syncOutbox")
      .selectAll()
      .where("customerId", "=", customer.id)
      .execute();
    assert.equal(rows.length, 0, JSON.stringify(rows));
  });
});
