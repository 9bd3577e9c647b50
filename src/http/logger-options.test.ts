import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { test } from "node:test";
import { pino } from "pino";
import { describeOnEachBackend } from "../testing/test-app.ts";
import { loggerOptions } from "./logger-options.ts";

/** Collects every JSON line a logger writes. */
class LogCapture extends Writable {
  text = "";
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
  lines(): Record<string, unknown>[] {
    return this.text
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test("the logger censors API keys and CRM credentials wherever a log object carries them", () => {
  const capture = new LogCapture();
  const log = pino(loggerOptions("info"), capture);
  log.info(
    {
      req: { headers: { authorization: "Basic api-key-1" } },
      headers: { Authorization: "Bearer hs-token-2" },
      body: {
        credentials: { clientSecret: "sf-secret-3", tokenSecret: "ns-secret-4", consumerSecret: "ns-5" },
      },
      connection: { settings: { accessToken: "hs-token-6" } },
      apiKey: "api-key-7",
    },
    "a careless line",
  );
  for (const secret of [
    "api-key-1",
    "hs-token-2",
    "sf-secret-3",
    "ns-secret-4",
    "ns-5",
    "hs-token-6",
    "api-key-7",
  ])
    assert.ok(!capture.text.includes(secret), `${secret} leaked: ${capture.text}`);
  assert.match(capture.text, /\[redacted\]/, capture.text);
});

describeOnEachBackend("request ids", (ctx) => {
  test("a safe X-Request-Id is used as the request id and echoed", async () => {
    const r = await ctx.app.inject({
      method: "GET",
      url: "/healthz",
      headers: { "x-request-id": "trace-42.a:b" },
    });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.headers["x-request-id"], "trace-42.a:b", r.body);
  });

  test("an X-Request-Id that is too long or holds unsafe characters is replaced by a new UUID", async () => {
    for (const unsafe of ["x".repeat(129), "id with spaces", "a\u0007b", '{"msg":"forged"}']) {
      const r = await ctx.app.inject({ method: "GET", url: "/healthz", headers: { "x-request-id": unsafe } });
      assert.equal(r.statusCode, 200, r.body);
      assert.match(String(r.headers["x-request-id"]), UUID, `${unsafe}: ${r.body}`);
    }
  });

  test("every answer carries a request id, errors included", async () => {
    const account = await ctx.newAccount();
    const a = await ctx.app.inject({ method: "GET", url: "/v1/customers/1", headers: account.headers });
    const b = await ctx.app.inject({ method: "GET", url: "/no/such/route" });
    assert.equal(a.statusCode, 404, a.body);
    assert.equal(b.statusCode, 404, b.body);
    assert.match(String(a.headers["x-request-id"]), UUID, a.body);
    assert.match(String(b.headers["x-request-id"]), UUID, b.body);
    assert.notEqual(a.headers["x-request-id"], b.headers["x-request-id"], a.body);
  });
});

const capture = new LogCapture();
describeOnEachBackend(
  "request logging",
  (ctx) => {
    test("every line logged while serving requests carries the request id the answer names", async () => {
      capture.text = "";
      const account = await ctx.newAccount();
      const ids = new Set<string>();
      const requests = [
        { method: "POST" as const, url: "/v1/customers", payload: { firstName: "Ann" } },
        { method: "GET" as const, url: "/v1/customers/999999999" },
        { method: "PUT" as const, url: "/v1/customers", payload: "{not json" },
        { method: "GET" as const, url: "/unknown" },
      ];
      for (const request of requests) {
        const r = await ctx.app.inject({ ...request, headers: account.headers });
        ids.add(String(r.headers["x-request-id"]));
      }
      const lines = capture.lines();
      assert.ok(lines.length >= requests.length * 2, capture.text);
      for (const line of lines)
        assert.ok(ids.has(String(line.reqId)), `${JSON.stringify(line)}\n${capture.text}`);
      // the request lines show method and path, never headers
      assert.ok(!capture.text.includes(account.apiKey), capture.text);
      assert.ok(!capture.text.toLowerCase().includes("authorization"), capture.text);
    });
  },
  { logger: { ...loggerOptions("trace"), stream: capture } },
);
