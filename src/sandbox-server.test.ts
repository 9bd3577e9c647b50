import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { App } from "./http/app.ts";
import { oauth1Header } from "./integrations/netsuite/oauth1-signature.ts";
import { buildSandboxServer } from "./sandbox-server.ts";

describe("standalone sandbox server (npm run sandbox)", () => {
  let app: App;
  let base: string;
  before(async () => {
    app = await buildSandboxServer();
    await app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  });
  after(() => app.close());

  test("serves the seeded HubSpot contact over HTTP, and HubSpot's error body for an unknown one", async () => {
    const headers = { authorization: "Bearer any-token" };
    const found = await fetch(`${base}/sandbox/hubspot/crm/v3/objects/contacts/101`, { headers });
    const foundBody = await found.text();
    assert.equal(found.status, 200, foundBody);
    assert.equal(JSON.parse(foundBody).id, "101", foundBody);
    const missing = await fetch(`${base}/sandbox/hubspot/crm/v3/objects/contacts/999999`, { headers });
    const missingBody = await missing.text();
    assert.equal(missing.status, 404, missingBody);
    assert.equal(JSON.parse(missingBody).category, "OBJECT_NOT_FOUND", missingBody);
  });

  test("serves a Salesforce Account that a PATCH updates, behind the sandbox's bearer auth", async () => {
    const url = `${base}/sandbox/salesforce/services/data/v60.0/sobjects/Account/0014100000JJ3wtAAD`;
    const unauthenticated = await fetch(url);
    assert.equal(unauthenticated.status, 401, await unauthenticated.text());
    const headers = { authorization: "Bearer any-token", "content-type": "application/json" };
    const patched = await fetch(url, {
      method: "PATCH",
      headers,
      body: JSON.stringify({ Name: "Sandbox Alone" }),
    });
    assert.equal(patched.status, 204, await patched.text());
    const read = await fetch(url, { headers });
    const readBody = await read.text();
    assert.equal(read.status, 200, readBody);
    assert.equal(JSON.parse(readBody).Name, "Sandbox Alone", readBody);
  });

  test("serves the seeded NetSuite customer to a request signed with token-based auth", async () => {
    const url = `${base}/sandbox/netsuite/services/rest/record/v1/customer/1744203`;
    const authorization = oauth1Header("GET", url, {
      realm: "SANDBOX",
      consumerKey: "key",
      consumerSecret: "secret",
      token: "token",
      tokenSecret: "token-secret",
    });
    const response = await fetch(url, { headers: { authorization } });
    const body = await response.text();
    assert.equal(response.status, 200, body);
    assert.equal(JSON.parse(body).id, "1744203", body);
    const unsigned = await fetch(url);
    assert.equal(unsigned.status, 401, await unsigned.text());
  });

  test("serves no Latchwork API: the sandboxes run alone", async () => {
    const response = await fetch(`${base}/v1/customers/1`, { headers: { authorization: "Basic x" } });
    assert.equal(response.status, 404, await response.text());
  });
});
