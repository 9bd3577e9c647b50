import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import pg from "pg";
import { type RestartablePostgres, startRestartablePostgres } from "../testing/postgres-server.ts";
import { testBackends } from "../testing/test-database.ts";
import { isDatabaseUnavailable } from "./connection-errors.ts";
import { type Db, openDatabase, runStatement } from "./database.ts";

/**
 * Against a PostgreSQL server of this file's own: its backends are terminated
 * and the server is stopped, which must not disturb the suite's shared one.
 * Before the fix, the "checked out" tests ended the test process with an
 * uncaught 'error' event ("terminating connection due to administrator command").
 */
describe("the PostgreSQL pool when connections fail", { skip: !testBackends().includes("postgres") }, () => {
  let server: RestartablePostgres;
  before(async () => {
    server = await startRestartablePostgres();
  });
  after(async () => {
    await server?.stop();
  });

  /** A pool whose connection failures are collected; `failed(n)` resolves once n were reported. */
  async function openPool(options: { retryWindowMs?: number } = {}) {
    const reported: Error[] = [];
    const waiters: { count: number; resolve: () => void }[] = [];
    const handle = await openDatabase({
      url: server.url,
      poolSize: 4,
      retryWindowMs: options.retryWindowMs,
      onPoolError: (error) => {
        reported.push(error);
        for (const waiter of waiters) if (reported.length >= waiter.count) waiter.resolve();
      },
    });
    const failed = (count: number) =>
      new Promise<void>((resolve) => {
        if (reported.length >= count) resolve();
        else waiters.push({ count, resolve });
      });
    return { db: handle.db, reported, failed };
  }

  async function terminate(pids: number[]): Promise<void> {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query("select pg_terminate_backend(pid) from unnest($1::int[]) as pid", [pids]);
    await admin.end();
  }

  async function backendPid(db: Db): Promise<number> {
    const result = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
    return (result.rows[0] as { pid: number }).pid;
  }

  test("a checked-out connection whose backend is terminated between queries is reported, not thrown", async () => {
    const { db, reported, failed } = await openPool();
    try {
      await db.connection().execute(async (connection) => {
        await terminate([await backendPid(connection)]);
        await failed(1);
        await assert.rejects(sql`select 1`.execute(connection), (error) => isDatabaseUnavailable(error));
      });
      assert.match(String(reported[0]?.message), /terminating connection due to administrator command/);
      assert.deepEqual((await runStatement(db, "select 1 as one", [])).length, 1, "the pool serves on");
    } finally {
      await db.destroy();
    }
  });

  test("a transaction whose backend is terminated fails as unavailable and the pool serves on", async () => {
    const { db, failed } = await openPool();
    try {
      await assert.rejects(
        db.transaction().execute(async (trx) => {
          await terminate([await backendPid(trx)]);
          await failed(1);
          await sql`select 1`.execute(trx);
        }),
        (error) => isDatabaseUnavailable(error),
      );
      assert.equal((await runStatement(db, "select 1 as one", [])).length, 1);
    } finally {
      await db.destroy();
    }
  });

  test("idle connections whose backends are terminated are each reported once and replaced", async () => {
    const { db, reported, failed } = await openPool();
    try {
      // four concurrent sleeps leave four idle connections behind
      const pids = await Promise.all(
        [1, 2, 3, 4].map(() =>
          runStatement<{ pid: number }>(db, "select pg_backend_pid() as pid, pg_sleep(0.05)", []),
        ),
      );
      await terminate(pids.map((rows) => (rows[0] as { pid: number }).pid));
      await failed(4);
      assert.equal(reported.length, 4, reported.map((error) => error.message).join("\n"));
      assert.equal((await runStatement(db, "select 1 as one", [])).length, 1);
    } finally {
      await db.destroy();
    }
  });

  /**
   * Runs `run` (whose statement waits for advisory lock 4242) and terminates the backend
   * running `text` once it waits there: the statement cannot finish before it is seen,
   * however slow the machine. The lock is then let go so that a second send completes.
   */
  async function terminatedOnce<T>(text: string, run: () => Promise<T>): Promise<PromiseSettledResult<T>> {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    try {
      await admin.query("select pg_advisory_lock(4242)");
      const outcome = Promise.allSettled([run()]);
      for (;;) {
        const { rowCount } = await admin.query(
          "select pg_terminate_backend(pid) from pg_stat_activity where query = $1 and state = 'active'",
          [text],
        );
        if (rowCount) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await admin.query("select pg_advisory_unlock(4242)");
      return (await outcome)[0] as PromiseSettledResult<T>;
    } finally {
      await admin.end();
    }
  }

  test("a statement terminated before its CommandComplete is sent again and answers", async () => {
    const { db } = await openPool();
    try {
      const text = "select $1::int as n, pg_advisory_xact_lock(4242) is null as waited";
      const outcome = await terminatedOnce(text, () => runStatement<{ n: number }>(db, text, [7]));
      // the first send was terminated while it waited: these rows are the second's
      assert.equal(outcome.status, "fulfilled", String((outcome as PromiseRejectedResult).reason));
      assert.deepEqual((outcome as PromiseFulfilledResult<unknown>).value, [{ n: 7, waited: false }]);
    } finally {
      await db.destroy();
    }
  });

  test("a statement sent without parameters (simple protocol, committed before CommandComplete) is not sent again", async () => {
    const { db } = await openPool();
    try {
      const text = "select pg_advisory_xact_lock(4242) is null as waited";
      const outcome = await terminatedOnce(text, () => runStatement(db, text, []));
      assert.equal(outcome.status, "rejected");
      const error = (outcome as PromiseRejectedResult).reason as { code?: string };
      assert.equal(error.code, "57P01", String(error));
      assert.equal(isDatabaseUnavailable(error), true);
    } finally {
      await db.destroy();
    }
  });

  test("a query made while PostgreSQL is down waits for it to come back and succeeds", async () => {
    const { db } = await openPool({ retryWindowMs: 120_000 });
    try {
      await runStatement(db, "select 1", []);
      await server.shutDown();
      let settled = false;
      const pending = runStatement<{ one: number }>(db, "select 1 as one", []).finally(() => {
        settled = true;
      });
      const inTransaction = db
        .transaction()
        .execute((trx) => sql<{ two: number }>`select 2 as two`.execute(trx));
      // nothing listens: the checkout retries instead of failing
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(settled, false, "the query settled while PostgreSQL was down");
      await server.startAgain();
      assert.deepEqual(await pending, [{ one: 1 }]);
      assert.deepEqual((await inTransaction).rows, [{ two: 2 }]);
    } finally {
      await server.startAgain();
      await db.destroy();
    }
  });

  test("a checkout gives up after its retry window with an error that counts as unavailable", async () => {
    const { db } = await openPool({ retryWindowMs: 200 });
    try {
      await server.shutDown();
      await assert.rejects(runStatement(db, "select 1", []), (error) => {
        assert.equal(isDatabaseUnavailable(error), true, String(error));
        assert.equal((error as { code?: string }).code, "ECONNREFUSED");
        return true;
      });
    } finally {
      await server.startAgain();
      await db.destroy();
    }
  });
});
