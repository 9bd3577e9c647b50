import assert from "node:assert/strict";
import { test } from "node:test";
import { sql } from "kysely";
import { insertCustomer } from "../customers/customer-repository.ts";
import type { CrmPusher, PushOutcome } from "../integrations/crm-pusher.ts";
import { describeOnEachBackend } from "../testing/test-app.ts";
import { waitFor } from "../testing/wait-for.ts";
import { MAX_RETRY_WAIT_MS } from "./backoff.ts";
import { SyncRoundError, SyncWorker, type WorkerLog } from "./sync-worker.ts";

/** A NetSuite stand-in answering every push with `answer()`; counts the records it was handed. */
function scriptedPusher(answer: () => PushOutcome): CrmPusher & { handed: number } {
  const pusher = {
    crm: "netsuite" as const,
    batchSize: 1,
    handed: 0,
    async push(_connection: unknown, targets: unknown[]) {
      pusher.handed += targets.length;
      return targets.map(answer);
    },
  };
  return pusher;
}

/** A logger that keeps what it was told, by level. */
function recordingLog(): WorkerLog & { lines: { level: string; message: string; fields: object }[] } {
  const lines: { level: string; message: string; fields: object }[] = [];
  const at = (level: string) => (fields: object, message: string) => lines.push({ level, message, fields });
  return { lines, debug: at("debug"), warn: at("warn"), error: at("error") };
}

describeOnEachBackend("sync worker failures", (ctx) => {
  const deps = () => ({ db: ctx.db, selfUrl: () => "http://127.0.0.1:9" });

  /** A customer synced to NetSuite: its insert queued one push. */
  async function syncedCustomer() {
    const { accountId } = await ctx.newAccount();
    const customer = await insertCustomer(ctx.db, {
      accountId,
      currency: "USD",
      firstName: "Fail",
      netsuiteId: "1744203",
      netsuiteSynchStatus: "Enabled",
    });
    return { accountId, customerId: customer.id };
  }

  const outboxRow = (customerId: number) =>
    ctx.db
      .selectFrom("syncOutbox")
      .select(["attempts", "claimedBy", "lastError", "deadAt"])
      .select(sql<number>`extract(epoch from available_at - now()) * 1000`.as("dueInMs"))
      .where("customerId", "=", customerId)
      .executeTakeFirst();

  for (const retryAfterMs of [1e15, 1e18, Number.POSITIVE_INFINITY, Number.NaN, -5]) {
    test(`a Retry-After of ${retryAfterMs} ms is retried within the documented cap, not parked or lost`, async () => {
      const { customerId } = await syncedCustomer();
      const pusher = scriptedPusher(() => ({
        status: "retry",
        error: "429 Too Many Requests",
        retryAfterMs,
      }));
      const worker = new SyncWorker(deps(), { pushers: [pusher] });
      const round = await worker.runRound();
      assert.equal(round.retried, 1, JSON.stringify(round));
      const row = await outboxRow(customerId);
      assert.equal(row?.claimedBy, null, JSON.stringify(row));
      assert.equal(row?.attempts, 1, JSON.stringify(row));
      assert.ok(Number(row?.dueInMs) <= MAX_RETRY_WAIT_MS, JSON.stringify(row));
    });
  }

  test("a round that fails part-way is logged and counted, and its claims are retried by the live worker", async () => {
    const { customerId } = await syncedCustomer();
    const pusher = scriptedPusher(() => ({ status: "pushed" }));
    const log = recordingLog();
    const failures: unknown[] = [];
    // the settle's sync_state write is refused, as a database error would refuse it
    await sql`create function refuse_settle() returns trigger language plpgsql as $$
      begin raise exception 'settle refused by the test'; end $$`.execute(ctx.db);
    await sql`create trigger refuse_settle before insert or update on sync_state
      for each row execute function refuse_settle()`.execute(ctx.db);
    const worker = new SyncWorker(deps(), {
      pushers: [pusher],
      // the lease cannot rescue the claim within the test
      leaseMs: 10 * 60_000,
      backoff: { baseMs: 0 },
      pollMs: 20,
      log,
      onRoundError: (error) => failures.push(error),
    });
    try {
      worker.start();
      await waitFor(
        "a failed round",
        () => failures.length,
        (count) => count > 0,
      );
      await sql`drop trigger refuse_settle on sync_state`.execute(ctx.db);
      await sql`drop function refuse_settle()`.execute(ctx.db);
      worker.poke();
      await waitFor(
        "the push settled after the failed round",
        () => outboxRow(customerId),
        (row) => row === undefined,
        { impossible: (row) => (row?.deadAt ? `dead-lettered: ${JSON.stringify(row)}` : undefined) },
      );
    } finally {
      await worker.stop();
      await sql`drop trigger if exists refuse_settle on sync_state`.execute(ctx.db);
    }
    const failure = failures[0];
    assert.ok(failure instanceof SyncRoundError, String(failure));
    assert.equal(failure.crm, "netsuite");
    assert.match(failure.message, /settle refused by the test/);
    const errors = log.lines.filter((line) => line.level === "error");
    assert.ok(
      errors.some((line) => line.message.startsWith("sync round failed")),
      JSON.stringify(log.lines),
    );
    assert.ok(
      log.lines.some((line) => line.level === "warn" && line.message.includes("handed back")),
      JSON.stringify(log.lines),
    );
    assert.ok(pusher.handed >= 2, `pushed again after the failure (${pusher.handed} records handed)`);
  });

  test("at debug level each round that worked is logged with its counts", async () => {
    await syncedCustomer();
    const log = recordingLog();
    const worker = new SyncWorker(deps(), { pushers: [scriptedPusher(() => ({ status: "pushed" }))], log });
    await worker.runRound();
    const rounds = log.lines.filter((line) => line.level === "debug" && line.message === "sync round");
    assert.equal(rounds.length, 1, JSON.stringify(log.lines));
    assert.deepEqual(
      { ...rounds[0]?.fields, ms: 0, workerId: "" },
      {
        workerId: "",
        crm: "netsuite",
        claimed: 1,
        pushed: 1,
        retried: 0,
        broken: 0,
        dead: 0,
        held: 0,
        ms: 0,
      },
    );
  });
});
