import assert from "node:assert/strict";
import { test } from "node:test";
import { insertCustomer } from "../customers/customer-repository.ts";
import type { CrmPusher, PushTarget } from "../integrations/crm-pusher.ts";
import { describeOnEachBackend } from "../testing/test-app.ts";
import { claimPushes } from "./outbox/claim-pushes.ts";
import { pushGroup } from "./push-group.ts";
import { SyncWorker } from "./sync-worker.ts";

describeOnEachBackend("pushing a claimed group", (ctx) => {
  const deps = () => ({ db: ctx.db, selfUrl: () => "http://127.0.0.1:9" });

  test("a change committed between the claim and the read is pushed once, not again by the next round", async () => {
    const { accountId } = await ctx.newAccount();
    const customer = await insertCustomer(ctx.db, {
      accountId,
      currency: "USD",
      companyName: "claimed",
      netsuiteId: "1744203",
      netsuiteSynchStatus: "Enabled",
    });
    const sent: string[] = [];
    const pusher: CrmPusher = {
      crm: "netsuite",
      batchSize: 1,
      async push(_connection, targets: PushTarget[]) {
        sent.push(...targets.map((target) => String(target.customer.companyName)));
        return targets.map(() => ({ status: "pushed" as const }));
      },
    };
    const workerId = "w-read-race";
    const items = await claimPushes(ctx.db, { crm: "netsuite", workerId, limit: 10, leaseMs: 60_000 });
    assert.equal(items.length, 1, JSON.stringify(items));
    // committed after the claim, before the worker reads the customer
    await ctx.db
      .updateTable("customers")
      .set({ companyName: "changed" })
      .where("id", "=", customer.id)
      .execute();

    const result = await pushGroup(
      { deps: deps(), workerId, maxAttempts: 10, sandboxProbe: { baseMs: 1, capMs: 1 } },
      pusher,
      items,
    );
    assert.equal(result.pushed, 1, JSON.stringify(result));
    await new SyncWorker(deps(), { pushers: [pusher] }).runRound();
    assert.deepEqual(sent, ["changed"], "the state holding the change went out once");
    const left = await ctx.db
      .selectFrom("syncOutbox")
      .selectAll()
      .where("customerId", "=", customer.id)
      .execute();
    assert.deepEqual(left, [], JSON.stringify(left));
  });
});
