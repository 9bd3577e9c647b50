import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { createAccountWithKey } from "../accounts/account-service.ts";
import { openTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import { PgliteMaintenance } from "./pglite-maintenance.ts";

describe("PGlite maintenance (the embedded database's autovacuum)", () => {
  let handle: TestDatabase;
  let accountId: number;
  before(async () => {
    handle = await openTestDatabase("pglite");
    ({
      account: { id: accountId },
    } = await createAccountWithKey(handle.db, "maintenance", "USD"));
  });
  after(() => handle.close());

  /** Statistics reach pg_stat_user_tables at most once a second unless a flush is forced. */
  async function flushStats() {
    await sql`select pg_stat_force_next_flush()`.execute(handle.db);
    await sql`select 1`.execute(handle.db);
  }

  async function customersState() {
    const { rows } = await sql<{ vacuums: number; allVisible: number; deadRows: number }>`
      select s.vacuum_count::int as vacuums, c.relallvisible::int as all_visible, s.n_dead_tup::int as dead_rows
      from pg_stat_user_tables s join pg_class c on c.oid = s.relid where s.relname = 'customers'`.execute(
      handle.db,
    );
    const row = rows[0];
    assert.ok(row, "customers has statistics");
    return row;
  }

  async function insertCustomers(count: number) {
    await sql`insert into customers (account_id, currency, last_name)
      select ${accountId}, 'USD', 'Smith' || g from generate_series(1, ${count}) g`.execute(handle.db);
  }

  test("a table with more new rows than autovacuum's insert threshold is vacuumed, and pages become all-visible", async () => {
    await insertCustomers(1500);
    await flushStats();
    const before = await customersState();
    assert.equal(before.allVisible, 0, JSON.stringify(before));
    const done = await new PgliteMaintenance(handle.db).runOnce();
    assert.ok(
      done.some((run) => run.table === "customers" && run.action === "vacuum"),
      JSON.stringify(done),
    );
    const afterRun = await customersState();
    assert.equal(afterRun.vacuums, before.vacuums + 1, JSON.stringify(afterRun));
    assert.ok(afterRun.allVisible > 0, JSON.stringify(afterRun));
  });

  test("a table with nothing to do is left alone", async () => {
    await flushStats();
    const done = await new PgliteMaintenance(handle.db).runOnce();
    assert.ok(!done.some((run) => run.table === "customers"), JSON.stringify(done));
  });

  test("dead rows from updates past the threshold are cleaned up", async () => {
    await sql`update customers set first_name = 'Jo' where account_id = ${accountId}`.execute(handle.db);
    await flushStats();
    const before = await customersState();
    assert.ok(before.deadRows >= 1500, JSON.stringify(before));
    const runs: string[] = [];
    await new PgliteMaintenance(handle.db, {
      onRun: (run) => runs.push(`${run.action} ${run.table}`),
    }).runOnce();
    assert.ok(runs.includes("vacuum customers"), JSON.stringify(runs));
    await flushStats();
    const afterRun = await customersState();
    assert.equal(afterRun.deadRows, 0, JSON.stringify(afterRun));
  });

  test("started, it runs on its interval and stops cleanly", async () => {
    await insertCustomers(1500);
    await flushStats();
    const runs: string[] = [];
    const maintenance = new PgliteMaintenance(handle.db, {
      intervalMs: 10,
      onRun: (run) => runs.push(`${run.action} ${run.table}`),
    });
    maintenance.start();
    for (let tick = 0; tick < 500 && !runs.includes("vacuum customers"); tick++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await maintenance.stop();
    assert.ok(runs.includes("vacuum customers"), JSON.stringify(runs));
  });
});
