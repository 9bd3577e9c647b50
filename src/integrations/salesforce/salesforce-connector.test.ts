import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import Fastify, { type FastifyInstance } from "fastify";
import { registerBodyParsing } from "../../http/body-parsing.ts";
import type { CrmConnection } from "../crm-connection.ts";
import { SalesforceConnector } from "./salesforce-connector.ts";
import { salesforceSandbox } from "./sandbox/salesforce-sandbox.ts";

describe("Salesforce connector against the sandbox over HTTP", () => {
  let server: FastifyInstance;
  let base: string;
  let clients = 0;

  before(async () => {
    server = Fastify();
    registerBodyParsing(server);
    await server.register(salesforceSandbox, { prefix: "/sandbox/salesforce" });
    await server.listen({ port: 0, host: "127.0.0.1" });
    const address = server.server.address();
    if (!address || typeof address === "string") throw new Error("no port");
    base = `http://127.0.0.1:${address.port}/sandbox/salesforce`;
  });
  after(() => server.close());

  /** A connector with a client id of its own, so that no test reuses another's cached token. */
  function connector(): SalesforceConnector {
    clients += 1;
    const connection: CrmConnection = {
      crm: "salesforce",
      baseUrl: base,
      credentials: { clientId: `client-${clients}`, clientSecret: "secret" },
      settings: {},
    };
    return new SalesforceConnector(connection, 3000);
  }

  async function injectFault(body: object) {
    const response = await fetch(`${base}/_faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    assert.equal(response.status, 201, await response.clone().text());
  }

  test("the seeded Account is found by its 15- and 18-character ids, with the canonical 18-character Id", async () => {
    const sf = connector();
    assert.deepEqual(await sf.findAccount("0014100000JJ3wtAAD"), {
      kind: "found",
      id: "0014100000JJ3wtAAD",
      name: "Stolen Bikes",
    });
    assert.equal((await sf.findAccount("0014100000JJ3wt")).kind, "found");
  });

  test("an Account that does not exist, or a malformed id, is reported as not found", async () => {
    const sf = connector();
    assert.deepEqual(await sf.findAccount("0014100000ZZZZZAAA"), { kind: "not-found" });
    assert.deepEqual(await sf.findAccount("1"), { kind: "not-found" });
  });

  test("a token revoked once is renewed and the lookup succeeds", async () => {
    const sf = connector();
    assert.equal((await sf.findAccount("0014100000JJ3wtAAD")).kind, "found");
    await injectFault({ kind: "revoked", count: 1 });
    assert.equal((await sf.findAccount("0014100000JJ3wtAAD")).kind, "found");
  });

  test("credentials that stay revoked make Salesforce unavailable, not the Account missing", async () => {
    const sf = connector();
    await injectFault({ kind: "revoked", count: 2 });
    const result = await sf.findAccount("0014100000JJ3wtAAD");
    assert.equal(result.kind, "unavailable", JSON.stringify(result));
    await fetch(`${base}/_faults`, { method: "DELETE" });
  });

  test("a rate limit, a server error or a timeout makes Salesforce unavailable", async () => {
    for (const kind of ["429", "500", "timeout"]) {
      const sf = connector();
      await injectFault({ kind, count: 3 });
      const result = await sf.findAccount("0014100000JJ3wtAAD");
      assert.equal(result.kind, "unavailable", `${kind}: ${JSON.stringify(result)}`);
      await fetch(`${base}/_faults`, { method: "DELETE" });
    }
  });
});

describe("Salesforce sandbox", () => {
  let server: FastifyInstance;
  let base: string;
  let token: string;

  before(async () => {
    server = Fastify();
    registerBodyParsing(server);
    await server.register(salesforceSandbox, { prefix: "/sandbox/salesforce", apiLimit: 5 });
    await server.listen({ port: 0, host: "127.0.0.1" });
    const address = server.server.address();
    if (!address || typeof address === "string") throw new Error("no port");
    base = `http://127.0.0.1:${address.port}/sandbox/salesforce`;
    const response = await fetch(`${base}/services/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&client_id=a&client_secret=b",
    });
    const body = await response.json();
    assert.equal(body.instance_url, base, JSON.stringify(body));
    token = body.access_token;
  });
  after(() => server.close());

  const call = (method: string, path: string, body?: unknown, auth = `Bearer ${token}`) =>
    fetch(`${base}/services/data/v60.0${path}`, {
      method,
      headers: { authorization: auth, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  test("answers with the documented error bodies and the API usage header, then the request limit", async () => {
    const missing = await call("GET", "/sobjects/Account/0014100000ZZZZZAAA");
    assert.equal(missing.status, 404);
    assert.deepEqual(await missing.json(), [
      { message: "The requested resource does not exist", errorCode: "NOT_FOUND" },
    ]);
    assert.equal(missing.headers.get("sforce-limit-info"), "api-usage=1/5");
    const malformed = await call("GET", "/sobjects/Account/1");
    assert.equal(malformed.status, 400);
    assert.equal((await malformed.json())[0].errorCode, "MALFORMED_ID");
    const noSession = await call("GET", "/sobjects/Account/0014100000JJ3wt", undefined, "Bearer ");
    assert.equal(noSession.status, 401);
    assert.equal((await noSession.json())[0].errorCode, "INVALID_SESSION_ID");

    const patched = await call("PATCH", "/sobjects/Account/0014100000JJ3wt", { Name: "Stolen Bikes Inc." });
    assert.equal(patched.status, 204, await patched.text());
    const collection = await call("PATCH", "/composite/sobjects", {
      allOrNone: false,
      records: [
        { attributes: { type: "Account" }, id: "0014100000JJ3wtAAD", Phone: "1" },
        { attributes: { type: "Account" }, id: "0014100000ZZZZZAAA", Phone: "2" },
      ],
    });
    const results = await collection.json();
    assert.equal(collection.status, 200, JSON.stringify(results));
    assert.deepEqual(
      results.map((result: { success: boolean }) => result.success),
      [true, false],
      JSON.stringify(results),
    );
    const read = await call("GET", "/sobjects/Account/0014100000JJ3wtAAD?fields=Id,Name,Phone");
    const record = await read.json();
    assert.equal(read.status, 200, JSON.stringify(record));
    assert.deepEqual(
      { Name: record.Name, Phone: record.Phone },
      { Name: "Stolen Bikes Inc.", Phone: "1" },
      JSON.stringify(record),
    );
    assert.equal(read.headers.get("sforce-limit-info"), "api-usage=5/5");
    const overLimit = await call("GET", "/sobjects/Account/0014100000JJ3wtAAD");
    const errors = await overLimit.json();
    assert.equal(overLimit.status, 403, JSON.stringify(errors));
    assert.equal(errors[0].errorCode, "REQUEST_LIMIT_EXCEEDED", JSON.stringify(errors));
  });
});
