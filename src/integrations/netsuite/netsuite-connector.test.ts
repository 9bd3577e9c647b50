import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import Fastify, { type FastifyInstance } from "fastify";
import { registerBodyParsing } from "../../http/body-parsing.ts";
import { NetsuiteConnector } from "./netsuite-connector.ts";
import { oauth1Header } from "./oauth1-signature.ts";
import { netsuiteSandbox } from "./sandbox/netsuite-sandbox.ts";

describe("NetSuite connector and sandbox over HTTP", () => {
  let server: FastifyInstance;
  let base: string;
  const credentials = {
    realm: "1234567_SB1",
    consumerKey: "ck",
    consumerSecret: "cs",
    token: "t",
    tokenSecret: "ts",
  };

  before(async () => {
    server = Fastify();
    registerBodyParsing(server);
    await server.register(netsuiteSandbox, { prefix: "/sandbox/netsuite", concurrencyLimit: 2 });
    await server.listen({ port: 0, host: "127.0.0.1" });
    const address = server.server.address();
    if (!address || typeof address === "string") throw new Error("no port");
    base = `http://127.0.0.1:${address.port}/sandbox/netsuite`;
  });
  after(() => server.close());

  const connector = () =>
    new NetsuiteConnector(
      {
        crm: "netsuite",
        baseUrl: base,
        credentials: {
          accountId: "1234567_SB1",
          consumerKey: "ck",
          consumerSecret: "cs",
          tokenId: "t",
          tokenSecret: "ts",
        },
        settings: {},
      },
      3000,
    );

  async function injectFault(body: object) {
    const response = await fetch(`${base}/_faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    assert.equal(response.status, 201, await response.clone().text());
  }

  const signedFetch = (method: string, path: string, body?: object) => {
    const url = `${base}/services/rest/record/v1${path}`;
    return fetch(url, {
      method,
      headers: { authorization: oauth1Header(method, url, credentials), "content-type": "application/json" },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  };

  test("the seeded customer 1744203 is found with its internal id; an unknown one is not found", async () => {
    assert.deepEqual(await connector().findCustomer("1744203"), {
      kind: "found",
      id: "1744203",
      isPerson: true,
    });
    assert.deepEqual(await connector().findCustomer("999"), { kind: "not-found" });
    assert.deepEqual(await connector().findCustomer("0014100000JJ3wt"), { kind: "not-found" });
  });

  test("records can be created, found by external id, and updated through the vendor paths", async () => {
    const created = await signedFetch("POST", "/customer", {
      companyName: "Acme",
      externalId: "acme-1",
      isPerson: false,
    });
    assert.equal(created.status, 204, await created.text());
    const location = created.headers.get("location") ?? "";
    const id = location.split("/").pop() as string;
    assert.deepEqual(await connector().findCustomer("eid:acme-1"), { kind: "found", id, isPerson: false });
    const patched = await signedFetch("PATCH", `/customer/${id}`, { companyName: "Acme Inc." });
    assert.equal(patched.status, 204, await patched.text());
    const read = await signedFetch("GET", `/customer/${id}`);
    const record = await read.json();
    assert.equal(record.companyName, "Acme Inc.", JSON.stringify(record));
  });

  test("a request without token-based auth is refused with NetSuite's error body", async () => {
    const response = await fetch(`${base}/services/rest/record/v1/customer/1744203`, {
      headers: { authorization: "Bearer x" },
    });
    const body = await response.json();
    assert.equal(response.status, 401, JSON.stringify(body));
    assert.equal(body["o:errorDetails"][0]["o:errorCode"], "INVALID_LOGIN", JSON.stringify(body));
  });

  test("revoked credentials, a rate limit, a server error or a timeout make NetSuite unavailable", async () => {
    for (const kind of ["revoked", "429", "500", "timeout"]) {
      await injectFault({ kind });
      const result = await connector().findCustomer("1744203");
      assert.equal(result.kind, "unavailable", `${kind}: ${JSON.stringify(result)}`);
    }
    assert.equal((await connector().findCustomer("1744203")).kind, "found");
  });

  test("requests beyond the account's concurrency limit are refused with 429", async () => {
    await injectFault({ kind: "timeout", count: 2 });
    const aborts = [new AbortController(), new AbortController()];
    const held = aborts.map((abort) =>
      fetch(`${base}/services/rest/record/v1/customer/1744203`, {
        headers: {
          authorization: oauth1Header("GET", `${base}/services/rest/record/v1/customer/1744203`, credentials),
        },
        signal: abort.signal,
      }).catch(() => undefined),
    );
    // the held requests are in flight once the faults they consume are gone
    while ((await (await fetch(`${base}/_faults`)).json()).faults.length > 0) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const refused = await connector().findCustomer("1744203");
    assert.deepEqual(refused, {
      kind: "unavailable",
      reason: "the account's concurrency limit is reached (HTTP 429)",
    });
    for (const abort of aborts) abort.abort();
    await Promise.all(held);
  });
});
