import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import Fastify, { type FastifyInstance } from "fastify";
import type { CustomerRecord } from "../../customers/customer-record.ts";
import { registerBodyParsing } from "../../http/body-parsing.ts";
import type { CrmConnection } from "../crm-connection.ts";
import type { PushTarget } from "../crm-pusher.ts";
import { caseChecksum } from "./salesforce-id.ts";
import { createSalesforcePusher } from "./salesforce-pusher.ts";
import { salesforceSandbox } from "./sandbox/salesforce-sandbox.ts";

const SEEDED = "0014100000JJ3wtAAD";
const MISSING = `001000000000042${caseChecksum("001000000000042")}`;

describe("Salesforce pusher against the sandbox over HTTP", () => {
  let server: FastifyInstance;
  let base: string;
  let clients = 0;

  before(async () => {
    server = Fastify();
    registerBodyParsing(server);
    await server.register(salesforceSandbox, { prefix: "/sandbox/salesforce", apiLimit: 10 });
    await server.listen({ port: 0, host: "127.0.0.1" });
    const address = server.server.address();
    if (!address || typeof address === "string") throw new Error("no port");
    base = `http://127.0.0.1:${address.port}/sandbox/salesforce`;
  });
  after(() => server.close());

  /** A connection with a client id of its own: no test shares another's token or API usage. */
  function connection(settings: Record<string, unknown> = {}): CrmConnection {
    clients += 1;
    return {
      crm: "salesforce",
      baseUrl: base,
      credentials: { clientId: `client-${clients}`, clientSecret: "secret" },
      settings,
    };
  }

  const deps = { db: undefined as never, selfUrl: () => base, crmTimeoutMs: 2_000 };

  function target(customerId: number, salesforceId: string, companyName: string): PushTarget {
    return {
      item: { id: customerId, accountId: 1, customerId, crm: "salesforce", version: 1, attempts: 0 },
      customer: {
        id: customerId,
        companyName,
        firstName: null,
        lastName: null,
        primaryPhone: "555-0100",
        salesforceId,
        salesforceSynchStatus: "Enabled",
        salesforceAccountType: null,
      } as unknown as CustomerRecord,
    };
  }

  async function dataCalls(): Promise<number> {
    const stats = (await (await fetch(`${base}/_stats`)).json()) as { byPath: Record<string, number> };
    return Object.entries(stats.byPath)
      .filter(([path]) => path.includes("/services/data/"))
      .reduce((sum, [, count]) => sum + count, 0);
  }

  async function fault(body: object) {
    const response = await fetch(`${base}/_faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    assert.equal(response.status, 201, await response.text());
  }

  test("one call carries the batch, and a missing Account is broken while the others are pushed", async () => {
    const pusher = createSalesforcePusher(deps);
    const before = await dataCalls();
    const outcomes = await pusher.push(connection(), [
      target(1, SEEDED, "Stolen Bikes"),
      target(2, MISSING, "Nobody"),
    ]);
    assert.deepEqual(
      outcomes.map((outcome) => outcome.status),
      ["pushed", "broken"],
      JSON.stringify(outcomes),
    );
    assert.equal((await dataCalls()) - before, 1);
  });

  test("a revoked token is renewed once and the batch goes through; credentials that stay rejected make the push unauthorized", async () => {
    const pusher = createSalesforcePusher(deps);
    const sf = connection();
    assert.equal((await pusher.push(sf, [target(1, SEEDED, "Stolen Bikes")]))[0]?.status, "pushed");
    await fault({ kind: "revoked", count: 1 });
    assert.deepEqual(
      (await pusher.push(sf, [target(1, SEEDED, "Stolen Bikes")])).map((outcome) => outcome.status),
      ["pushed"],
    );
    await fault({ kind: "revoked", count: 2 });
    const [outcome] = await pusher.push(sf, [target(1, SEEDED, "Stolen Bikes")]);
    assert.equal(outcome?.status, "unauthorized", JSON.stringify(outcome));
    await fetch(`${base}/_faults`, { method: "DELETE" });
  });

  test("calls stop once the sync's share of the daily allocation is used, with a delay to retry after", async () => {
    await fetch(`${base}/_stats/reset`, { method: "POST" });
    const pusher = createSalesforcePusher(deps, { apiUsageShare: 0.5, allocationPauseMs: 60_000 });
    const sf = connection();
    const outcomes = [];
    for (let i = 0; i < 8; i++) outcomes.push(...(await pusher.push(sf, [target(1, SEEDED, `Name ${i}`)])));
    assert.deepEqual(
      outcomes.map((outcome) => outcome.status),
      ["pushed", "pushed", "pushed", "pushed", "pushed", "retry", "retry", "retry"],
      JSON.stringify(outcomes),
    );
    const last = outcomes[7];
    assert.ok(last?.status === "retry" && (last.retryAfterMs ?? 0) > 50_000, JSON.stringify(last));
    assert.equal(await dataCalls(), 5, "usage 5 of 10 reaches the 50 % share: no sixth call");
  });

  test("a concurrent-requests refusal is retried with the usual backoff, not the allocation pause", async () => {
    const stub = Fastify();
    stub.post("/services/oauth2/token", async () => ({ access_token: "token", instance_url: stubBase }));
    stub.patch("/services/data/*", async (_request, reply) =>
      reply.code(403).send([
        {
          errorCode: "REQUEST_LIMIT_EXCEEDED",
          message: "ConcurrentRequests (Concurrent API Requests) Limit exceeded.",
        },
      ]),
    );
    await stub.listen({ port: 0, host: "127.0.0.1" });
    const address = stub.server.address();
    if (!address || typeof address === "string") throw new Error("no port");
    const stubBase = `http://127.0.0.1:${address.port}`;
    try {
      const pusher = createSalesforcePusher(deps, { allocationPauseMs: 60_000 });
      const sf = { ...connection(), baseUrl: stubBase };
      const [outcome] = await pusher.push(sf, [target(1, SEEDED, "Name")]);
      assert.ok(outcome?.status === "retry", JSON.stringify(outcome));
      assert.ok((outcome.retryAfterMs ?? 0) < 60_000, JSON.stringify(outcome));
      const [again] = await pusher.push(sf, [target(1, SEEDED, "Name")]);
      assert.ok(again?.status === "retry" && (again.retryAfterMs ?? 0) < 60_000, JSON.stringify(again));
    } finally {
      await stub.close();
    }
  });
});
