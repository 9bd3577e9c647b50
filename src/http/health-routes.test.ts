import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { openDatabase } from "../db/database.ts";
import { messages } from "../errors/messages.ts";
import { describeOnEachBackend } from "../testing/test-app.ts";
import { type App, buildApp } from "./app.ts";

const envelope = (status: number, message: string) => ({
  ErrorId: 0,
  HttpStatusCode: status,
  Errors: [{ Key: "Api Error", Value: message }],
});

describeOnEachBackend("GET /healthz and /readyz", (ctx) => {
  test("both answer 200 without an API key while the database is up and migrated", async () => {
    const health = await ctx.app.inject({ method: "GET", url: "/healthz" });
    assert.equal(health.statusCode, 200, health.body);
    assert.deepEqual(health.json(), { status: "ok" }, health.body);
    const ready = await ctx.app.inject({ method: "GET", url: "/readyz" });
    assert.equal(ready.statusCode, 200, ready.body);
    assert.deepEqual(ready.json(), { status: "ready" }, ready.body);
  });

  test("/readyz answers 503 in the Fusebill envelope while a migration is missing, /healthz 200", async () => {
    const last = await sql<{ name: string; timestamp: string }>`
      select name, timestamp from kysely_migration order by name desc limit 1`.execute(ctx.db);
    const row = last.rows[0];
    assert.ok(row, "the template database records its migrations");
    await sql`delete from kysely_migration where name = ${row.name}`.execute(ctx.db);
    try {
      const ready = await ctx.app.inject({ method: "GET", url: "/readyz" });
      assert.equal(ready.statusCode, 503, ready.body);
      assert.deepEqual(ready.json(), envelope(503, messages.notReadyMigrations), ready.body);
      const health = await ctx.app.inject({ method: "GET", url: "/healthz" });
      assert.equal(health.statusCode, 200, health.body);
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${row.name}, ${row.timestamp})`.execute(
        ctx.db,
      );
    }
    const again = await ctx.app.inject({ method: "GET", url: "/readyz" });
    assert.equal(again.statusCode, 200, again.body);
  });
});

describe("probes while the database is unreachable", () => {
  let app: App;
  let close: () => Promise<void>;

  before(async () => {
    // a port that was free a moment ago: connections to it are refused
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const { db } = await openDatabase({ url: `postgres://latchwork:pw@127.0.0.1:${port}/latchwork` });
    app = await buildApp({ db });
    close = async () => {
      await app.close();
      await db.destroy();
    };
  });
  after(() => close());

  test("/healthz stays 200: liveness does not depend on the database", async () => {
    const health = await app.inject({ method: "GET", url: "/healthz" });
    assert.equal(health.statusCode, 200, health.body);
    assert.deepEqual(health.json(), { status: "ok" }, health.body);
  });

  test("/readyz answers 503 saying the database does not answer, without its address", async () => {
    const ready = await app.inject({ method: "GET", url: "/readyz" });
    assert.equal(ready.statusCode, 503, ready.body);
    assert.deepEqual(ready.json(), envelope(503, messages.notReadyDatabase), ready.body);
    assert.ok(!ready.body.includes("127.0.0.1"), ready.body);
  });
});
