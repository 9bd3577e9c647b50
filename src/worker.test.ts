import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { createAccountWithKey } from "./accounts/account-service.ts";
import { insertCustomer } from "./customers/customer-repository.ts";
import { messages } from "./errors/messages.ts";
import { type App, buildApp } from "./http/app.ts";
import { OutputProcess } from "./testing/child-process.ts";
import { entryArgs } from "./testing/entry-args.ts";
import { withDatabase } from "./testing/postgres-server.ts";
import { openTestDatabase, POSTGRES_ENV, type TestDatabase, testBackends } from "./testing/test-database.ts";
import { exitOf, waitFor } from "./testing/wait-for.ts";

/** A Latchwork entry point run as its own process, as `npm start` / `npm run worker` run it. */
class Child extends OutputProcess {
  constructor(entry: "src/main.ts" | "src/worker.ts", env: Record<string, string>) {
    super(process.execPath, entryArgs(entry), {
      ...process.env,
      DATABASE_URL: "",
      PORT: "",
      WORKER: "",
      LOG_LEVEL: "info",
      ...env,
    });
  }

  /** Why a wait on this process can no longer end well: it is gone. */
  gone(): string | undefined {
    const exit = exitOf(this.process);
    return exit === null ? undefined : `the process ended (${exit}):\n${this.stdout}\n${this.stderr}`;
  }

  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
    this.process.kill(signal);
    return this.exited;
  }
}

async function postgresUrlOf(database: TestDatabase): Promise<string> {
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(database.db);
  return withDatabase(process.env[POSTGRES_ENV] as string, rows[0]?.name as string);
}

describe("npm run worker on PGlite", () => {
  test("refuses to start, saying that it needs the PostgreSQL the API uses", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "latchwork-worker-"));
    try {
      for (const [env, database] of [
        [{ DATA_DIR: dataDir }, `PGlite in ${dataDir}`],
        [{ DATABASE_URL: "memory://" }, "memory://"],
      ] as const) {
        const child = new Child("src/worker.ts", env);
        const code = await child.exited;
        assert.equal(code, 1, child.stderr);
        assert.equal(child.stderr.trim(), messages.workerNeedsPostgres(database), child.stderr);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

if (testBackends().includes("postgres")) {
  describe("npm run worker on PostgreSQL, beside an API process", () => {
    let database: TestDatabase;
    let app: App;
    let apiUrl: string;
    before(async () => {
      database = await openTestDatabase("postgres");
      app = await buildApp({ db: database.db });
      await app.listen({ port: 0, host: "127.0.0.1" });
      apiUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    const contactName = async (accountId: number) => {
      const response = await app.inject({
        method: "GET",
        url: "/sandbox/hubspot/crm/v3/objects/contacts/101?properties=firstname",
        headers: { authorization: `Bearer sandbox-${accountId}` },
      });
      assert.equal(response.statusCode, 200, response.body);
      return response.json().properties.firstname as string;
    };
    const pendingRows = async (customerId: number) =>
      database.db
        .selectFrom("syncOutbox")
        .select(["claimedBy"])
        .where("customerId", "=", customerId)
        .execute();

    test("pushes a synced customer's change to the API process's sandbox, and drains its push in flight on SIGTERM", async () => {
      const { account } = await createAccountWithKey(database.db, "worker", "USD");
      const customer = await insertCustomer(database.db, {
        accountId: account.id,
        currency: "USD",
        firstName: "Ada",
        hubSpotId: 101,
      });
      const worker = new Child("src/worker.ts", {
        DATABASE_URL: await postgresUrlOf(database),
        LATCHWORK_URL: apiUrl,
      });
      try {
        const ready = await worker.logLine("sync worker ready");
        assert.equal(ready.latchworkUrl, apiUrl, worker.stdout);
        await waitFor(
          "the first push",
          () => pendingRows(customer.id),
          (rows) => rows.length === 0,
          { impossible: () => worker.gone() },
        );
        assert.equal(await contactName(account.id), "Ada");

        // the next push is held by the sandbox for a while: SIGTERM must wait for it, not abandon it
        const fault = await app.inject({
          method: "POST",
          url: "/sandbox/hubspot/_faults",
          payload: { kind: "latency", delayMs: 3_000, count: 1 },
        });
        assert.ok(fault.statusCode < 300, fault.body);
        const reset = await app.inject({ method: "POST", url: "/sandbox/hubspot/_stats/reset" });
        assert.equal(reset.statusCode, 204, reset.body);
        await database.db
          .updateTable("customers")
          .set({ firstName: "Grace" })
          .where("id", "=", customer.id)
          .execute();
        // the held call has reached the sandbox (a count that only grows, so the wait cannot miss it, as it
        // could miss the claim, which is gone again once the push is settled); if the test is slower to
        // send SIGTERM than the sandbox to answer, the push is simply done, and what follows holds all the same
        await waitFor(
          "the held push to reach the sandbox",
          async () => (await app.inject({ method: "GET", url: "/sandbox/hubspot/_stats" })).json().requests,
          (requests) => requests >= 1,
          { impossible: () => worker.gone() },
        );
        const code = await worker.stop("SIGTERM");
        assert.equal(code, 0, `${worker.stdout}\n${worker.stderr}`);
        assert.match(worker.stdout, /sync worker stopped/, worker.stdout);
        assert.deepEqual(
          await pendingRows(customer.id),
          [],
          "the push in flight was finished, not left claimed",
        );
        assert.equal(await contactName(account.id), "Grace");
      } finally {
        if (worker.process.exitCode === null) await worker.stop("SIGKILL");
      }
    });
  });
}

for (const backend of testBackends()) {
  describe(`npm start runs a sync worker in the same process [${backend}]`, () => {
    let database: TestDatabase | undefined;
    let databaseUrl = "memory://";
    before(async () => {
      if (backend === "postgres") {
        database = await openTestDatabase("postgres");
        databaseUrl = await postgresUrlOf(database);
      }
    });
    after(async () => database?.close());

    test("a latch through the API reaches the built-in sandbox without a separate worker, and SIGTERM stops cleanly", async () => {
      const apiKey = `test-key-${backend}-${Date.now()}`;
      const server = new Child("src/main.ts", {
        DATABASE_URL: databaseUrl,
        PORT: "0",
        LATCHWORK_API_KEY: apiKey,
      });
      try {
        const ready = await server.logLine("latchwork ready");
        assert.equal(ready.worker, true, server.stdout);
        const base = String(ready.address);
        const headers = { authorization: `Basic ${apiKey}`, "content-type": "application/json" };
        const call = async (method: string, url: string, body?: object) => {
          const response = await fetch(`${base}${url}`, {
            method,
            headers,
            body: body && JSON.stringify(body),
          });
          const text = await response.text();
          assert.ok(response.status < 300, `${method} ${url}: ${response.status} ${text}`);
          return JSON.parse(text);
        };
        const created = await call("POST", "/v1/customers", { firstName: "Linus", lastName: "Main" });
        await call("POST", "/v1/HubSpot/latchCustomer", { fusebillId: created.id, hubSpotId: 101 });
        const synced = await waitFor(
          "the latched customer's push",
          () => call("GET", `/v1/customers/${created.id}/sync`),
          (view) => view.hubspot.lastPushedVersion !== null && !view.hubspot.pending,
          {
            impossible: (view) =>
              server.gone() ?? (view.hubspot.dead ? "the push was dead-lettered" : undefined),
          },
        );
        assert.equal(synced.hubspot.dead, false, JSON.stringify(synced));
        const contact = await fetch(
          `${base}/sandbox/hubspot/crm/v3/objects/contacts/101?properties=firstname,lastname`,
          {
            headers: { authorization: "Bearer any" },
          },
        );
        const contactBody = await contact.text();
        assert.equal(contact.status, 200, contactBody);
        assert.deepEqual(
          [JSON.parse(contactBody).properties.firstname, JSON.parse(contactBody).properties.lastname],
          ["Linus", "Main"],
          contactBody,
        );
        assert.equal(await server.stop("SIGTERM"), 0, `${server.stdout}\n${server.stderr}`);
      } finally {
        if (server.process.exitCode === null) await server.stop("SIGKILL");
      }
    });

    // one backend is enough for a flag that main.ts reads before it opens anything backend-specific
    if (backend === "postgres")
      test("WORKER=off starts the API alone", async () => {
        const server = new Child("src/main.ts", { DATABASE_URL: databaseUrl, PORT: "0", WORKER: "off" });
        try {
          const ready = await server.logLine("latchwork ready");
          assert.equal(ready.worker, false, server.stdout);
        } finally {
          assert.equal(await server.stop("SIGTERM"), 0, `${server.stdout}\n${server.stderr}`);
        }
      });
  });
}
