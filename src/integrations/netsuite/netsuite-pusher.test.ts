import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import Fastify, { type FastifyInstance } from "fastify";
import type { CustomerRecord } from "../../customers/customer-record.ts";
import { registerBodyParsing } from "../../http/body-parsing.ts";
import type { CrmConnection } from "../crm-connection.ts";
import { retryAfterMs } from "../crm-http.ts";
import type { PushTarget } from "../crm-pusher.ts";
import { createNetsuitePusher } from "./netsuite-pusher.ts";
import { netsuiteSandbox } from "./sandbox/netsuite-sandbox.ts";

describe("NetSuite pusher against the sandbox over HTTP", () => {
  let server: FastifyInstance;
  let base: string;
  let tokens = 0;

  before(async () => {
    server = Fastify();
    registerBodyParsing(server);
    await server.register(netsuiteSandbox, { prefix: "/sandbox/netsuite" });
    await server.listen({ port: 0, host: "127.0.0.1" });
    const address = server.server.address();
    if (!address || typeof address === "string") throw new Error("no port");
    base = `http://127.0.0.1:${address.port}/sandbox/netsuite`;
  });
  after(() => server.close());

  /** A connection with a token of its own, so that it has a concurrency gate of its own. */
  function connection(settings: Record<string, unknown> = {}): CrmConnection {
    tokens += 1;
    return { crm: "netsuite", baseUrl: base, credentials: { token: `token-${tokens}` }, settings };
  }

  const deps = { db: undefined as never, selfUrl: () => base, crmTimeoutMs: 2_000 };

  function target(customerId: number, netsuiteId: string): PushTarget {
    return {
      item: { id: customerId, accountId: 1, customerId, crm: "netsuite", version: 1, attempts: 0 },
      customer: {
        id: customerId,
        companyName: `Company ${customerId}`,
        firstName: null,
        lastName: null,
        primaryEmail: null,
        primaryPhone: null,
        netsuiteId,
        netsuiteSynchStatus: "Enabled",
        netsuiteCustomerType: "Company",
      } as unknown as CustomerRecord,
    };
  }

  const admin = async (method: string, path: string, body?: object) => {
    const response = await fetch(`${base}${path}`, {
      method,
      ...(body ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    assert.ok(response.status < 300, text);
    return text ? JSON.parse(text) : undefined;
  };

  test("a connection's concurrency setting bounds its requests in flight", async () => {
    await admin("POST", "/_faults", { kind: "latency", durationMs: 30_000, delayMs: 20 });
    await admin("POST", "/_stats/reset");
    const pusher = createNetsuitePusher(deps);
    const targets = Array.from({ length: 10 }, () => target(1, "1744203"));
    const outcomes = await pusher.push(connection({ concurrency: 2 }), targets);
    await admin("DELETE", "/_faults");
    const stats = await admin("GET", "/_stats");
    assert.deepEqual(new Set(outcomes.map((outcome) => outcome.status)), new Set(["pushed"]));
    assert.equal(stats.peakConcurrency, 2, JSON.stringify(stats));
    assert.equal(stats.requests, 10, JSON.stringify(stats));
  });

  test("a missing record is broken; a refusal stops the rest of the batch, which is retried", async () => {
    const pusher = createNetsuitePusher(deps);
    const [missing] = await pusher.push(connection(), [target(1, "999999999")]);
    assert.equal(missing?.status, "broken", JSON.stringify(missing));

    await admin("POST", "/_faults", { kind: "500", count: 1 });
    await admin("POST", "/_stats/reset");
    const outcomes = await pusher.push(connection({ concurrency: 1 }), [
      target(1, "1744203"),
      target(2, "1744203"),
      target(3, "1744203"),
    ]);
    assert.deepEqual(
      outcomes.map((outcome) => outcome.status),
      ["retry", "retry", "retry"],
      JSON.stringify(outcomes),
    );
    assert.equal((await admin("GET", "/_stats")).requests, 1, "no request after the refusal");
  });
});

test("Retry-After is read as seconds or as an HTTP date", () => {
  assert.equal(retryAfterMs("3"), 3000);
  assert.equal(retryAfterMs("Thu, 01 Jan 1970 00:00:10 GMT", 4_000), 6_000);
  assert.equal(retryAfterMs(null), undefined);
  assert.equal(retryAfterMs("soon"), undefined);
});
