import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import { sql } from "kysely";
import { createAccountWithKey } from "../../src/accounts/account-service.ts";
import type { Db } from "../../src/db/database.ts";
import { type App, buildApp } from "../../src/http/app.ts";
import { openTestDatabase, type TestDatabase, testBackends } from "../../src/testing/test-database.ts";
import { sleep } from "../../src/testing/wait-for.ts";

/*
 * A write of a synced customer (PUT, status change) locks the customer row, then (its trigger) the
 * customer's outbox rows. A worker settling a push locks the outbox row, then
 * the foreign key check of its sync_state row locks the customer row for key
 * share. With `select … for update` the two waited for each other and
 * PostgreSQL aborted one: a 500 seen once in the crash test. Only PostgreSQL
 * runs transactions side by side (PGlite runs one at a time).
 */
for (const backend of testBackends().filter((name) => name === "postgres")) {
  describe(`Lock order between a PUT and a settling sync worker [${backend}]`, () => {
    let database: TestDatabase;
    let app: App;

    before(async () => {
      database = await openTestDatabase(backend);
      app = await buildApp({ db: database.db });
    });

    after(async () => {
      await app.close();
      await database.close();
    });

    /** Until some statement of this database waits for a lock another transaction holds. */
    async function lockWaiters(db: Db): Promise<number> {
      const { rows } = await sql<{ waiting: number }>`
        select count(*)::int as waiting from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
      return rows[0]?.waiting ?? 0;
    }

    /** Writes that lock the customer row: a full replace, and a status change (read, check, update). */
    const writes = [
      {
        name: "a PUT",
        request: (id: number) => ({
          method: "PUT" as const,
          url: "/v1/customers",
          payload: { id, status: "Draft", firstName: "Lock", lastName: "Order", companyName: "changed" },
        }),
        expect: { companyName: "changed" },
      },
      {
        name: "an activation",
        request: (id: number) => ({
          method: "POST" as const,
          url: "/v1/customerActivation",
          payload: {
            customerId: id,
            activateAllSubscriptions: true,
            activateAllDraftPurchases: true,
            temporarilyDisableAutoPost: false,
          },
        }),
        expect: { status: "Active" },
      },
    ];

    for (const write of writes) {
      test(`${write.name} of a customer whose push is being settled waits for the settle and both commit`, async () => {
        const db = database.db;
        const { account, apiKey } = await createAccountWithKey(db, "lock order", "USD");
        const headers = { authorization: `Basic ${apiKey}`, "content-type": "application/json" };
        const created = await app.inject({
          method: "POST",
          url: "/v1/customers",
          headers,
          payload: { firstName: "Lock", lastName: "Order" },
        });
        assert.equal(created.statusCode, 200, created.body);
        const id = created.json().id as number;
        // latched to a HubSpot contact: the trigger queues a push
        await sql`update customers set hub_spot_id = 101 where id = ${id}`.execute(db);
        const outbox = await sql<{ id: number; version: number }>`
          select id, version from sync_outbox where customer_id = ${id} and crm = 'hubspot'`.execute(db);
        const push = outbox.rows[0];
        assert.ok(push, "the latch queued no push");

        let answer: Promise<LightMyRequestResponse> | undefined;
        await db.transaction().execute(async (trx) => {
          // settling: the outbox row first …
          await sql`delete from sync_outbox where id = ${push.id}`.execute(trx);
          answer = app.inject({ ...write.request(id), headers });
          while ((await lockWaiters(db)) === 0) await sleep(10);
          // … then the sync state, whose foreign key check locks the customer row for key share
          await sql`
            insert into sync_state (customer_id, crm, account_id, settled_changes, last_pushed_version)
            values (${id}, 'hubspot', ${account.id}, ${push.version}, ${push.version})`.execute(trx);
        });

        const response = await answer;
        assert.equal(response?.statusCode, 200, response?.body);
        for (const [field, value] of Object.entries(write.expect))
          assert.equal(response?.json()[field], value, response?.body);
        const queued = await sql<{ n: number }>`
          select count(*)::int as n from sync_outbox where customer_id = ${id} and crm = 'hubspot'`.execute(
          db,
        );
        assert.equal(queued.rows[0]?.n, 1, "the write after the settle queues a new push");
      });
    }
  });
}
