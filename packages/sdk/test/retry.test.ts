import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { LatchworkClient, type RetryEvent } from "../src/index.ts";
import { backoffDelay, parseRetryAfter } from "../src/retry.ts";
import { type ScriptedServer, startScriptedServer } from "./scripted-server.ts";

/** A client of the scripted server whose waits are recorded; backoff steps are 1 ms so tests run fast. */
function clientOf(server: ScriptedServer, retry: Record<string, unknown> = {}) {
  const events: RetryEvent[] = [];
  const client = new LatchworkClient({
    apiKey: "test-key",
    baseUrl: server.url,
    retry: { baseDelayMs: 1, maxDelayMs: 4, onRetry: (event) => events.push(event), ...retry },
  });
  return { client, events };
}

const CUSTOMER = { id: 7, firstName: "Ada", status: "Draft" };
const json = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  body: JSON.stringify(body),
  headers: { "content-type": "application/json", ...headers },
});
const envelope = (status: number, text: string) => ({
  ErrorId: 0,
  HttpStatusCode: status,
  Errors: [{ Key: "Api Error", Value: text }],
});

describe("the SDK's retry policy against a scripted server", () => {
  let server: ScriptedServer;
  before(async () => {
    server = await startScriptedServer();
  });
  after(async () => {
    await server.close();
  });

  it("retries 503 answers until the server succeeds, and returns the data", async () => {
    server.script([json(503, envelope(503, "busy")), json(502, "bad gateway"), json(200, CUSTOMER)]);
    const { client, events } = clientOf(server);
    const result = await client.customers.get(7);
    assert.deepEqual(result.data, CUSTOMER, JSON.stringify(result.error));
    assert.equal(server.requests.length, 3, JSON.stringify(server.requests));
    assert.deepEqual(
      events.map((event) => event.status),
      [503, 502],
      JSON.stringify(events),
    );
  });

  it("waits for a 429's Retry-After in seconds before the next attempt", async () => {
    server.script([json(429, envelope(429, "slow down"), { "retry-after": "1" }), json(200, CUSTOMER)]);
    const { client, events } = clientOf(server);
    const result = await client.customers.get(7);
    assert.deepEqual(result.data, CUSTOMER, JSON.stringify(result.error));
    assert.equal(server.requests.length, 2, JSON.stringify(server.requests));
    assert.equal(events[0]?.delayMs, 1000, JSON.stringify(events));
    assert.equal(events[0]?.fromRetryAfter, true, JSON.stringify(events));
    const gap = (server.requests[1]?.at ?? 0) - (server.requests[0]?.at ?? 0);
    assert.ok(gap >= 990, `second attempt came ${gap} ms after the first`);
  });

  it("honours a Retry-After given as an HTTP date", async () => {
    const past = new Date(Date.now() - 60_000).toUTCString();
    server.script([json(429, envelope(429, "slow down"), { "retry-after": past }), json(200, CUSTOMER)]);
    const { client, events } = clientOf(server);
    const result = await client.customers.get(7);
    assert.deepEqual(result.data, CUSTOMER, JSON.stringify(result.error));
    assert.deepEqual(
      events.map((event) => [event.delayMs, event.fromRetryAfter]),
      [[0, true]],
      JSON.stringify(events),
    );
  });

  it("returns a 429 at once when its Retry-After is longer than the client will wait", async () => {
    server.script([json(429, envelope(429, "come back tomorrow"), { "retry-after": "86400" })]);
    const { client, events } = clientOf(server, { maxRetryAfterMs: 5_000 });
    const result = await client.customers.get(7);
    assert.equal(result.error?.HttpStatusCode, 429, JSON.stringify(result));
    assert.equal(result.error?.Errors[0]?.Value, "come back tomorrow", JSON.stringify(result));
    assert.equal(server.requests.length, 1, JSON.stringify(server.requests));
    assert.equal(events.length, 0, JSON.stringify(events));
  });

  for (const status of [400, 401, 404, 409, 413, 415]) {
    it(`never retries a ${status}: the envelope comes back after one attempt`, async () => {
      server.script([json(status, envelope(status, `refused ${status}`)), json(200, CUSTOMER)]);
      const { client, events } = clientOf(server);
      const result = await client.customers.get(7);
      assert.deepEqual(result.error, envelope(status, `refused ${status}`), JSON.stringify(result));
      assert.equal(result.data, undefined, JSON.stringify(result));
      assert.equal(server.requests.length, 1, JSON.stringify(server.requests));
      assert.equal(events.length, 0, JSON.stringify(events));
    });
  }

  it("gives up after maxRetries and returns the last 5xx envelope", async () => {
    server.script([
      json(500, envelope(500, "one")),
      json(500, envelope(500, "two")),
      json(500, envelope(500, "three")),
      json(200, CUSTOMER),
    ]);
    const { client, events } = clientOf(server, { maxRetries: 2 });
    const result = await client.customers.get(7);
    assert.deepEqual(result.error, envelope(500, "three"), JSON.stringify(result));
    assert.equal(server.requests.length, 3, JSON.stringify(server.requests));
    assert.deepEqual(
      events.map((event) => event.attempt),
      [1, 2],
      JSON.stringify(events),
    );
  });

  it("sends one attempt only when retrying is switched off", async () => {
    server.script([json(503, envelope(503, "busy")), json(200, CUSTOMER)]);
    const client = new LatchworkClient({ apiKey: "k", baseUrl: server.url, retry: false });
    const result = await client.customers.get(7);
    assert.equal(result.error?.HttpStatusCode, 503, JSON.stringify(result));
    assert.equal(server.requests.length, 1, JSON.stringify(server.requests));
  });

  it("retries a connection the server dropped without answering", async () => {
    server.script(["drop", json(200, CUSTOMER)]);
    const { client, events } = clientOf(server);
    const result = await client.customers.get(7);
    assert.deepEqual(result.data, CUSTOMER, JSON.stringify(result.error));
    assert.equal(server.requests.length, 2, JSON.stringify(server.requests));
    assert.ok(events[0]?.error !== undefined && events[0]?.status === undefined, JSON.stringify(events));
  });

  it("rejects after the retries when nothing answers", async () => {
    const gone = await startScriptedServer();
    const url = gone.url;
    await gone.close();
    const events: RetryEvent[] = [];
    const client = new LatchworkClient({
      apiKey: "k",
      baseUrl: url,
      retry: { maxRetries: 2, baseDelayMs: 1, onRetry: (event) => events.push(event) },
    });
    await assert.rejects(client.customers.get(7), (error: Error) => error instanceof TypeError);
    assert.equal(events.length, 2, JSON.stringify(events));
  });

  it("sends the same body and headers again on every attempt of a POST", async () => {
    server.script([json(503, envelope(503, "busy")), json(503, envelope(503, "busy")), json(200, CUSTOMER)]);
    const { client } = clientOf(server);
    const result = await client.customers.create({ firstName: "Ada", lastName: "Lovelace" });
    assert.deepEqual(result.data, CUSTOMER, JSON.stringify(result.error));
    assert.equal(server.requests.length, 3, JSON.stringify(server.requests));
    for (const request of server.requests) {
      assert.equal(request.method, "POST", JSON.stringify(request));
      assert.deepEqual(JSON.parse(request.body), { firstName: "Ada", lastName: "Lovelace" }, request.body);
      assert.equal(request.authorization, "Basic test-key", JSON.stringify(request));
    }
  });

  it("puts an error body that is not the envelope into the envelope's shape", async () => {
    server.script([
      { status: 502, body: "<html>Bad Gateway</html>", headers: { "content-type": "text/html" } },
    ]);
    const client = new LatchworkClient({ apiKey: "k", baseUrl: server.url, retry: false });
    const result = await client.customers.get(7);
    assert.deepEqual(result.error, envelope(502, "<html>Bad Gateway</html>"), JSON.stringify(result));
  });

  it("does not retry a request its caller aborted", async () => {
    server.script([json(503, envelope(503, "busy"), { "retry-after": "30" }), json(200, CUSTOMER)]);
    const controller = new AbortController();
    const { client } = clientOf(server, {
      onRetry: () => controller.abort(new Error("caller gave up")),
    });
    await assert.rejects(client.customers.get(7, { signal: controller.signal }), /caller gave up/);
    assert.equal(server.requests.length, 1, JSON.stringify(server.requests));
  });
});

describe("Retry-After and backoff arithmetic", () => {
  const now = Date.parse("2026-11-29T12:00:00Z");

  it("reads delta-seconds and HTTP dates, and ignores what is neither", () => {
    assert.equal(parseRetryAfter("120", now), 120_000);
    assert.equal(parseRetryAfter(" 0 ", now), 0);
    assert.equal(parseRetryAfter("Sun, 29 Nov 2026 12:00:30 GMT", now), 30_000);
    assert.equal(parseRetryAfter("Sun, 29 Nov 2026 11:00:00 GMT", now), 0);
    assert.equal(parseRetryAfter("soon", now), undefined);
    assert.equal(parseRetryAfter("-5", now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });

  it("doubles the backoff ceiling per attempt, caps it, and jitters below it", () => {
    const options = { baseDelayMs: 100, maxDelayMs: 1_000 };
    const top = () => 0.999_999;
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt, options, top)),
      [99, 199, 399, 799, 999, 999],
    );
    assert.equal(
      backoffDelay(3, options, () => 0),
      0,
    );
    assert.equal(
      backoffDelay(3, options, () => 0.5),
      200,
    );
  });
});
