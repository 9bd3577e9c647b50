import assert from "node:assert/strict";
import { connect } from "node:net";
import { after, before, describe, test } from "node:test";
import { createAccountWithKey } from "../accounts/account-service.ts";
import { loadConfig } from "../config.ts";
import { envelope } from "../errors/api-error.ts";
import { messages } from "../errors/messages.ts";
import { openTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import { type App, buildApp } from "./app.ts";
import { DEFAULT_TIMEOUTS, serverTimeoutOptions } from "./timeouts.ts";

interface RawExchange {
  /** Everything the server sent before it closed the connection. */
  received: string;
  status: number;
  body: string;
}

/**
 * Opens a raw connection, sends `head`, then `trickle` (if any) one chunk
 * every 50 ms until the server closes the connection.
 */
function slowClient(port: number, head: string, trickle?: string): Promise<RawExchange> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    let timer: NodeJS.Timeout | undefined;
    socket.on("connect", () => {
      socket.write(head);
      if (trickle !== undefined) timer = setInterval(() => socket.writable && socket.write(trickle), 50);
    });
    socket.on("data", (chunk) => {
      received += chunk.toString("utf8");
    });
    // writes racing the server's close may fail; what it sent is still read
    socket.on("error", () => {});
    socket.on("close", () => {
      clearInterval(timer);
      const [, status] = /^HTTP\/1\.1 (\d{3})/.exec(received) ?? [];
      if (!status) return reject(new Error(`no HTTP answer before the close: ${JSON.stringify(received)}`));
      resolve({ received, status: Number(status), body: received.slice(received.indexOf("\r\n\r\n") + 4) });
    });
  });
}

describe("Slow and malformed clients", () => {
  let database: TestDatabase;
  let app: App;
  let port: number;
  let apiKey: string;

  before(async () => {
    database = await openTestDatabase("pglite");
    app = await buildApp({ db: database.db, timeouts: { requestTimeoutMs: 1_500, headersTimeoutMs: 500 } });
    await app.listen({ port: 0, host: "127.0.0.1" });
    port = (app.server.address() as { port: number }).port;
    ({ apiKey } = await createAccountWithKey(database.db, "slow", "USD"));
  });

  after(async () => {
    await app.close();
    await database.close();
  });

  test("a client trickling header lines gets 408 in the envelope and is disconnected", async () => {
    const answer = await slowClient(port, "GET /v1/customers HTTP/1.1\r\nHost: x\r\n", "X-Slow: a\r\n");
    assert.equal(answer.status, 408, answer.received);
    assert.deepEqual(JSON.parse(answer.body), envelope(408, messages.requestTimeout), answer.received);
  });

  test("a client trickling its body gets 408 in the envelope, stores nothing, and the server still answers others", async () => {
    const head =
      `POST /v1/customers HTTP/1.1\r\nHost: x\r\nAuthorization: Basic ${apiKey}\r\n` +
      "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n";
    const answer = await slowClient(port, head, '{"a":1,');
    assert.equal(answer.status, 408, answer.received);
    assert.deepEqual(JSON.parse(answer.body), envelope(408, messages.requestTimeout), answer.received);
    const list = await fetch(`http://127.0.0.1:${port}/v1/customers`, {
      headers: { authorization: `Basic ${apiKey}` },
    });
    const listed = await list.text();
    assert.equal(list.status, 200, listed);
    assert.deepEqual(JSON.parse(listed), [], listed);
  });

  test("a request that is not HTTP gets 400 in the envelope", async () => {
    const answer = await slowClient(port, "HELLO THERE\r\n\r\n");
    assert.equal(answer.status, 400, answer.received);
    assert.deepEqual(JSON.parse(answer.body), envelope(400, messages.malformedRequest), answer.received);
  });

  test("oversized headers get 431 in the envelope", async () => {
    const answer = await slowClient(
      port,
      `GET /v1/customers HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
    );
    assert.equal(answer.status, 431, answer.received);
    assert.deepEqual(JSON.parse(answer.body), envelope(431, messages.headersTooLarge), answer.received);
  });
});

test("by default a request must arrive within 30 s and its headers within 10 s", () => {
  const options = serverTimeoutOptions();
  assert.equal(options.requestTimeout, DEFAULT_TIMEOUTS.requestTimeoutMs);
  assert.equal(options.http.headersTimeout, DEFAULT_TIMEOUTS.headersTimeoutMs);
  assert.equal(options.keepAliveTimeout, DEFAULT_TIMEOUTS.keepAliveTimeoutMs);
  assert.equal(options.connectionTimeout, DEFAULT_TIMEOUTS.connectionTimeoutMs);
  assert.deepEqual([DEFAULT_TIMEOUTS.requestTimeoutMs, DEFAULT_TIMEOUTS.headersTimeoutMs], [30_000, 10_000]);
});

test("LATCHWORK_REQUEST_TIMEOUT_MS, _HEADERS_TIMEOUT_MS and _KEEP_ALIVE_TIMEOUT_MS set the three limits", () => {
  assert.deepEqual(loadConfig({}, []).timeouts, {
    requestTimeoutMs: undefined,
    headersTimeoutMs: undefined,
    keepAliveTimeoutMs: undefined,
  });
  const { timeouts } = loadConfig(
    {
      LATCHWORK_REQUEST_TIMEOUT_MS: "60000",
      LATCHWORK_HEADERS_TIMEOUT_MS: "5000",
      LATCHWORK_KEEP_ALIVE_TIMEOUT_MS: "65000",
    },
    [],
  );
  const options = serverTimeoutOptions(timeouts);
  assert.equal(options.requestTimeout, 60_000);
  assert.equal(options.http.headersTimeout, 5_000);
  assert.equal(options.keepAliveTimeout, 65_000);
  assert.throws(() => loadConfig({ LATCHWORK_REQUEST_TIMEOUT_MS: "-1" }, []), /LATCHWORK_REQUEST_TIMEOUT_MS/);
});
