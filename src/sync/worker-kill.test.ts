import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { createAccountWithKey } from "../accounts/account-service.ts";
import { type App, buildApp } from "../http/app.ts";
import { entryArgs } from "../testing/entry-args.ts";
import { withDatabase } from "../testing/postgres-server.ts";
import { openTestDatabase, POSTGRES_ENV, type TestDatabase } from "../testing/test-database.ts";

/**
 * `npm run worker` as its own process, so that it can really be killed. This
 * needs PostgreSQL by nature (PGlite is one process's database); the test
 * runner always starts one.
 */
class WorkerProcess {
  readonly process: ChildProcess;
  stdout = "";
  readonly exited: Promise<NodeJS.Signals | number | null>;

  constructor(env: Record<string, string>) {
    this.process = spawn(process.execPath, entryArgs("src/worker.ts"), {
      env: { ...process.env, PORT: "", WORKER: "", LOG_LEVEL: "info", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.process.stdout?.on("data", (chunk) => {
      this.stdout += chunk;
    });
    this.process.stderr?.on("data", (chunk) => {
      this.stdout += chunk;
    });
    this.exited = new Promise((resolve) =>
      this.process.on("exit", (code, signal) => resolve(signal ?? code)),
    );
  }

  /** The worker id it logs once it is ready. */
  async ready(): Promise<string> {
    const line = await eventually(
      async () => this.stdout.split("\n").find((candidate) => candidate.includes('"sync worker ready"')),
      (found) => found !== undefined || this.process.exitCode !== null,
    );
    assert.ok(line, this.stdout);
    return String(JSON.parse(line).workerId);
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `read` until `done` holds; the cap only makes a broken build fail instead of hanging. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let i = 0; i < 1_200 && !done(value); i++) {
    await pause(50);
    value = await read();
  }
  assert.ok(done(value), JSON.stringify(value));
  return value;
}

describe("a sync worker process killed mid-batch [postgres]", () => {
  let database: TestDatabase;
  let app: App;
  let apiUrl = "";
  let databaseUrl = "";
  before(async () => {
    database = await openTestDatabase("postgres");
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(database.db);
    databaseUrl = withDatabase(process.env[POSTGRES_ENV] as string, rows[0]?.name as string);
    app = await buildApp({ db: database.db });
    apiUrl = await app.listen({ port: 0, host: "127.0.0.1" });
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  async function hubSpot(token: string, method: string, path: string, body?: unknown) {
    const response = await fetch(`${apiUrl}/sandbox/hubspot${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    assert.ok(response.status < 300, `${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  }

  const outbox = (accountId: number) =>
    database.db
      .selectFrom("syncOutbox")
      .select(["customerId", "claimedBy", "deadAt"])
      .where("accountId", "=", accountId)
      .execute();

  test("loses nothing: the next worker pushes every change once the claims' lease is over, and no record is duplicated", async () => {
    const { account } = await createAccountWithKey(database.db, "kill", "USD");
    const token = `sandbox-${account.id}`;
    const contactIds: string[] = [];
    for (const count of [100, 50]) {
      const inputs = Array.from({ length: count }, () => ({ properties: { firstname: "seed" } }));
      const created = await hubSpot(token, "POST", "/crm/v3/objects/contacts/batch/create", { inputs });
      contactIds.push(...created.results.map((record: { id: string }) => record.id));
    }
    const customers = await database.db
      .insertInto("customers")
      .values(contactIds.map((id) => ({ accountId: account.id, currency: "USD", hubSpotId: Number(id) })))
      .returning(["id", "hubSpotId"])
      .execute();
    await sql`update customers set first_name = 'first' || id where account_id = ${account.id}`.execute(
      database.db,
    );
    // the first batch the worker sends is held by the sandbox: the worker dies with it in flight
    await hubSpot(token, "POST", "/_faults", { kind: "latency", delayMs: 120_000, count: 1, token });
    await hubSpot(token, "POST", "/_stats/reset");

    const first = new WorkerProcess({ DATABASE_URL: databaseUrl, LATCHWORK_URL: apiUrl });
    let second: WorkerProcess | undefined;
    try {
      const firstId = await first.ready();
      await eventually(
        async () => {
          const stats = await hubSpot(token, "GET", "/_stats");
          const rows = await outbox(account.id);
          return { sent: stats.requests, claimed: rows.filter((row) => row.claimedBy === firstId).length };
        },
        (state) => state.sent >= 1 && state.claimed === customers.length,
      );
      // changes keep coming while the batch is held
      await sql`update customers set first_name = 'final' || id where account_id = ${account.id}`.execute(
        database.db,
      );
      first.process.kill("SIGKILL");
      assert.equal(await first.exited, "SIGKILL", first.stdout);
      const orphaned = await outbox(account.id);
      assert.equal(orphaned.length, customers.length, "every push is still in the outbox");
      assert.ok(
        orphaned.every((row) => row.claimedBy === firstId && row.deadAt === null),
        JSON.stringify(orphaned.slice(0, 3)),
      );

      // the 60 s lease runs out (moved back in time rather than waited for)
      await sql`update sync_outbox set claimed_at = claimed_at - interval '10 minutes' where claimed_by = ${firstId}`.execute(
        database.db,
      );
      second = new WorkerProcess({ DATABASE_URL: databaseUrl, LATCHWORK_URL: apiUrl });
      await second.ready();
      await eventually(
        () => outbox(account.id),
        (rows) => rows.length === 0,
      );
    } finally {
      if (first.process.exitCode === null && first.process.signalCode === null) first.process.kill("SIGKILL");
      if (second) {
        second.process.kill("SIGTERM");
        await second.exited;
      }
    }

    const stats = await hubSpot(token, "GET", "/_stats");
    assert.deepEqual(
      Object.keys(stats.byPath),
      ["POST /crm/v3/objects/contacts/batch/update"],
      `updates by id only, never a create: ${JSON.stringify(stats)}`,
    );
    const names = new Map<string, string | null>();
    for (let start = 0; start < contactIds.length; start += 100) {
      const read = await hubSpot(token, "POST", "/crm/v3/objects/contacts/batch/read", {
        inputs: contactIds.slice(start, start + 100).map((id) => ({ id })),
        properties: ["firstname"],
      });
      for (const record of read.results) names.set(record.id, record.properties.firstname);
    }
    const wrong = customers.filter(
      (customer) => names.get(String(customer.hubSpotId)) !== `final${customer.id}`,
    );
    assert.deepEqual(wrong.slice(0, 3), [], `${wrong.length} contacts miss the last change`);
    const state = await database.db
      .selectFrom("syncState")
      .select(["customerId", "lastPushedVersion", "settledChanges"])
      .where("accountId", "=", account.id)
      .execute();
    assert.equal(state.length, customers.length, JSON.stringify(state.slice(0, 3)));
    // the last push of each customer carried its latest change: nothing is left unsettled
    assert.ok(
      state.every((row) => Number(row.lastPushedVersion) === Number(row.settledChanges)),
      JSON.stringify(state.slice(0, 3)),
    );
  });
});
