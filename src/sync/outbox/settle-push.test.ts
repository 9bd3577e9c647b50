import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "kysely";
import { createAccountWithKey } from "../../accounts/account-service.ts";
import type { Db } from "../../db/database.ts";
import { openTestDatabase, type TestDatabase, testBackends } from "../../testing/test-database.ts";
import { claimPushes } from "./claim-pushes.ts";
import { completePushes } from "./settle-push.ts";

/*
 * Only PostgreSQL runs a write beside a settle (PGlite runs one transaction at
 * a time), so only there can a change commit while the settle waits for its row.
 */
for (const backend of testBackends().filter((name) => name === "postgres")) {
  describe(`Settling a pushed batch while the customer changes [${backend}]`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await openTestDatabase(backend);
    });
    after(() => database.close());

    async function lockWaiters(db: Db): Promise<number> {
      const { rows } = await sql<{ waiting: number }>`
        select count(*)::int as waiting from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
      return rows[0]?.waiting ?? 0;
    }

    test("a change that commits while the settle waits for its row leaves the push released for the newer version", async () => {
      const db = database.db;
      const { account } = await createAccountWithKey(db, "settle race", "USD");
      const [customer] = await db
        .insertInto("customers")
        .values({
          accountId: account.id,
          currency: "USD",
          netsuiteId: "1744203",
          netsuiteSynchStatus: "Enabled",
        })
        .returning("id")
        .execute();
      const customerId = customer?.id as number;
      const [claimed] = await claimPushes(db, {
        crm: "netsuite",
        workerId: "w1",
        limit: 10,
        leaseMs: 60_000,
      });
      assert.ok(claimed, "the insert queued a push");

      let commitChange: () => void = () => {};
      const changed = new Promise<void>((resolve) => {
        commitChange = resolve;
      });
      let changeLocked: () => void = () => {};
      const locked = new Promise<void>((resolve) => {
        changeLocked = resolve;
      });
      // the change holds the outbox row (its trigger bumped the version) until told to commit
      const change = db.transaction().execute(async (trx) => {
        await trx.updateTable("customers").set({ firstName: "newer" }).where("id", "=", customerId).execute();
        changeLocked();
        await changed;
      });
      await locked;
      const settle = completePushes(db, [claimed], "w1");
      // a hang guard only: the settle's statement must be waiting for the change's lock
      for (let poll = 0; (await lockWaiters(db)) === 0; poll++) {
        assert.ok(poll < 6_000, "the settle never waited for the change's lock");
        await sleep(10);
      }
      commitChange();
      await change;
      const result = await settle;

      const row = await db
        .selectFrom("syncOutbox")
        .select(["version", "claimedBy", "attempts"])
        .where("customerId", "=", customerId)
        .executeTakeFirst();
      assert.deepEqual(
        row,
        { version: claimed.version + 1, claimedBy: null, attempts: 0 },
        JSON.stringify(result),
      );
      assert.deepEqual(result, { done: 0, newerPending: 1 });
      const state = await db
        .selectFrom("syncState")
        .select(["lastPushedVersion", "settledChanges"])
        .where("customerId", "=", customerId)
        .executeTakeFirst();
      assert.deepEqual(state, { lastPushedVersion: claimed.version, settledChanges: 0 });
    });
  });
}
