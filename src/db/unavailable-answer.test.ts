import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, before, describe, test } from "node:test";
import { envelope } from "../errors/api-error.ts";
import { messages } from "../errors/messages.ts";
import { type App, buildApp } from "../http/app.ts";
import { UNAVAILABLE_RETRY_AFTER_SECONDS } from "./connection-errors.ts";
import { openDatabase } from "./database.ts";

describe("API requests while PostgreSQL refuses connections", () => {
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
    const { db } = await openDatabase({
      url: `postgres://latchwork:pw@127.0.0.1:${port}/latchwork`,
      // the pool's own retries would otherwise hold each request for RETRY_WINDOW_MS first
      retryWindowMs: 100,
    });
    app = await buildApp({ db });
    close = async () => {
      await app.close();
      await db.destroy();
    };
  });
  after(() => close());

  test("a read and a write answer 503 in the Fusebill envelope with Retry-After, not 500", async () => {
    const headers = {
      authorization: "Basic lw-some-key-of-this-service",
      "content-type": "application/json",
    };
    for (const request of [
      { method: "GET" as const, url: "/v1/customers/1" },
      { method: "POST" as const, url: "/v1/customers", payload: { firstName: "Ada", lastName: "Lovelace" } },
    ]) {
      const answer = await app.inject({ ...request, headers });
      assert.equal(answer.statusCode, 503, `${request.method} ${request.url}: ${answer.body}`);
      assert.equal(answer.headers["retry-after"], String(UNAVAILABLE_RETRY_AFTER_SECONDS), answer.body);
      assert.deepEqual(answer.json(), envelope(503, messages.databaseUnavailable), answer.body);
      assert.ok(
        !answer.body.includes("127.0.0.1"),
        `the answer shows the database's address: ${answer.body}`,
      );
    }
  });
});
