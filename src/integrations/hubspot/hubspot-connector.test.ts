import assert from "node:assert/strict";
import { before, test } from "node:test";
import { sql } from "kysely";
import { describeOnEachBackend } from "../../testing/test-app.ts";
import { type CrmConnection, type IntegrationDeps, sandboxConnection } from "../crm-connection.ts";
import { hubSpotConnector } from "./hubspot-connector.ts";

describeOnEachBackend("HubSpot connector against the sandbox over HTTP", (ctx) => {
  let self = "";
  let nextAccount = 900_000;
  before(async () => {
    // a PGlite opened from the test template spins at close if it never ran a query
    await sql`select 1`.execute(ctx.db);
    self = await ctx.app.listen({ port: 0, host: "127.0.0.1" });
  });
  const deps = (): IntegrationDeps => ({ db: ctx.db, selfUrl: () => self, crmTimeoutMs: 2_000 });
  /** A sandbox connection with a token of its own, so faults injected for it touch nobody else. */
  const freshConnection = (): CrmConnection => sandboxConnection(deps(), nextAccount++, "hubspot");

  async function sandbox(path: string, body: unknown, token = "test") {
    const response = await fetch(`${self}/sandbox/hubspot${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    assert.ok(response.ok, text);
    return JSON.parse(text);
  }

  const injectFault = (connection: CrmConnection, fault: Record<string, unknown>) =>
    sandbox("/_faults", { ...fault, token: connection.credentials.accessToken });

  test("an existing contact and company are found under the id asked for", async () => {
    const connector = hubSpotConnector(deps(), freshConnection());
    const contact = await connector.getContact(101);
    assert.equal(contact.kind, "found", JSON.stringify(contact));
    assert.deepEqual(contact.kind === "found" && [contact.record.id, contact.merged], [101, false]);
    const company = await connector.getCompany(202);
    assert.equal(
      company.kind === "found" && company.record.properties.name,
      "Stolen Bikes",
      JSON.stringify(company),
    );
  });

  test("a record HubSpot does not have is not-found", async () => {
    const connector = hubSpotConnector(deps(), freshConnection());
    assert.deepEqual(await connector.getContact(987654321), { kind: "not-found" });
    assert.deepEqual(await connector.getCompany(987654321), { kind: "not-found" });
  });

  test("a merged contact is found under its new id and flagged as merged", async () => {
    const a = await sandbox("/crm/v3/objects/contacts", { properties: { firstname: "Merge" } });
    const b = await sandbox("/crm/v3/objects/contacts", { properties: { lastname: "Me" } });
    const merged = await sandbox("/crm/v3/objects/contacts/merge", {
      primaryObjectId: a.id,
      objectIdToMerge: b.id,
    });
    const lookup = await hubSpotConnector(deps(), freshConnection()).getContact(Number(b.id));
    assert.equal(lookup.kind, "found", JSON.stringify(lookup));
    assert.deepEqual(lookup.kind === "found" && [lookup.record.id, lookup.merged], [Number(merged.id), true]);
  });

  test("revoked credentials, 429 and 5xx make HubSpot unavailable, not the record missing", async () => {
    const cases: [string, RegExp][] = [
      ["revoked", /^HubSpot refused the credentials \(401\)$/],
      ["429", /^rate limited \(429\), retry after 1 s$/],
      ["500", /^HubSpot answered 500$/],
    ];
    for (const [kind, reason] of cases) {
      const connection = freshConnection();
      await injectFault(connection, { kind });
      const lookup = await hubSpotConnector(deps(), connection).getContact(101);
      assert.equal(lookup.kind, "unavailable", `${kind}: ${JSON.stringify(lookup)}`);
      assert.match(
        lookup.kind === "unavailable" ? lookup.reason : "",
        reason,
        `${kind}: ${JSON.stringify(lookup)}`,
      );
    }
  });

  test("a HubSpot that does not answer in time is abandoned after the connection's timeout", async () => {
    const connection = freshConnection();
    connection.settings.timeoutMs = 300;
    await injectFault(connection, { kind: "timeout" });
    const lookup = await hubSpotConnector(deps(), connection).getCompany(202);
    assert.deepEqual(lookup, { kind: "unavailable", reason: "no answer within 300 ms" });
    const next = await hubSpotConnector(deps(), connection).getCompany(202);
    assert.equal(next.kind, "found", JSON.stringify(next));
  });

  test("a HubSpot that refuses connections is unavailable", async () => {
    const connection = { ...freshConnection(), baseUrl: "http://127.0.0.1:1" };
    const lookup = await hubSpotConnector(deps(), connection).getContact(101);
    assert.deepEqual(lookup, { kind: "unavailable", reason: "connection failed: ECONNREFUSED" });
  });
});
