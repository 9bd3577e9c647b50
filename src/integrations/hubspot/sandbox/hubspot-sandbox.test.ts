import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { before, test } from "node:test";
import { sql } from "kysely";
import { describeOnEachBackend } from "../../../testing/test-app.ts";

describeOnEachBackend("HubSpot sandbox", (ctx) => {
  let base = "";
  before(async () => {
    // a PGlite opened from the test template spins at close if it never ran a query
    await sql`select 1`.execute(ctx.db);
    base = `${await ctx.app.listen({ port: 0, host: "127.0.0.1" })}/sandbox/hubspot`;
  });

  /** A call to the sandbox over HTTP with a token of its own (limits and faults are per token). */
  async function call(path: string, init: { method?: string; body?: unknown; token?: string | null } = {}) {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (init.token !== null) headers.authorization = `Bearer ${init.token ?? "test-token"}`;
    const response = await fetch(`${base}${path}`, {
      method: init.method ?? "GET",
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
  }

  test("the seeded contact 101 and company 202 are there", async () => {
    const contact = await call("/crm/v3/objects/contacts/101?properties=email");
    assert.equal(contact.status, 200, contact.text);
    assert.equal(contact.json().id, "101", contact.text);
    assert.equal(contact.json().properties.email, "john.doe@example.com", contact.text);
    assert.equal(contact.json().archived, false, contact.text);
    const company = await call("/crm/v3/objects/companies/202");
    assert.equal(company.status, 200, company.text);
    assert.equal(company.json().properties.name, "Stolen Bikes", company.text);
  });

  test("a missing record answers 404 with HubSpot's OBJECT_NOT_FOUND body", async () => {
    const r = await call("/crm/v3/objects/contacts/999999");
    assert.equal(r.status, 404, r.text);
    const { correlationId, ...rest } = r.json();
    assert.match(correlationId, /^[0-9a-f-]{36}$/, r.text);
    assert.deepEqual(
      rest,
      { status: "error", message: "resource not found", category: "OBJECT_NOT_FOUND" },
      r.text,
    );
  });

  test("a request without a bearer token is a 401 INVALID_AUTHENTICATION", async () => {
    const r = await call("/crm/v3/objects/contacts/101", { token: null });
    assert.equal(r.status, 401, r.text);
    assert.equal(r.json().category, "INVALID_AUTHENTICATION", r.text);
  });

  test("records can be created, updated with PATCH and read back", async () => {
    const created = await call("/crm/v3/objects/contacts", {
      method: "POST",
      body: { properties: { email: "ada@example.com", firstname: "Ada" } },
    });
    assert.equal(created.status, 201, created.text);
    const id = created.json().id;
    const patched = await call(`/crm/v3/objects/contacts/${id}`, {
      method: "PATCH",
      body: { properties: { firstname: "Augusta", email: "" } },
    });
    assert.equal(patched.status, 200, patched.text);
    const read = await call(`/crm/v3/objects/contacts/${id}`);
    assert.equal(read.json().properties.firstname, "Augusta", read.text);
    assert.equal(read.json().properties.email, null, read.text);
  });

  test("batch read reports missing ids with 207 and refuses more than 100 inputs", async () => {
    const partial = await call("/crm/v3/objects/contacts/batch/read", {
      method: "POST",
      body: { inputs: [{ id: "101" }, { id: "424242" }], properties: ["email"] },
    });
    assert.equal(partial.status, 207, partial.text);
    assert.deepEqual(
      partial.json().results.map((record: { id: string }) => record.id),
      ["101"],
      partial.text,
    );
    assert.deepEqual(partial.json().errors[0].context, { ids: ["424242"] }, partial.text);
    const full = await call("/crm/v3/objects/companies/batch/read", {
      method: "POST",
      body: { inputs: Array.from({ length: 100 }, () => ({ id: "202" })) },
    });
    assert.equal(full.status, 200, full.text);
    const tooMany = await call("/crm/v3/objects/contacts/batch/read", {
      method: "POST",
      body: { inputs: Array.from({ length: 101 }, () => ({ id: "101" })) },
    });
    assert.equal(tooMany.status, 400, tooMany.text);
    assert.equal(tooMany.json().category, "VALIDATION_ERROR", tooMany.text);
  });

  test("batch update changes every record it names", async () => {
    const created = await call("/crm/v3/objects/companies/batch/create", {
      method: "POST",
      body: { inputs: [{ properties: { name: "One" } }, { properties: { name: "Two" } }] },
    });
    assert.equal(created.status, 201, created.text);
    const ids: string[] = created.json().results.map((record: { id: string }) => record.id);
    const updated = await call("/crm/v3/objects/companies/batch/update", {
      method: "POST",
      body: { inputs: ids.map((id) => ({ id, properties: { domain: `${id}.example.com` } })) },
    });
    assert.equal(updated.status, 200, updated.text);
    const read = await call(`/crm/v3/objects/companies/${ids[1]}`);
    assert.equal(read.json().properties.domain, `${ids[1]}.example.com`, read.text);
  });

  test("after a merge both old ids return the surviving record with its new id", async () => {
    const a = await call("/crm/v3/objects/contacts", {
      method: "POST",
      body: { properties: { firstname: "A" } },
    });
    const b = await call("/crm/v3/objects/contacts", {
      method: "POST",
      body: { properties: { lastname: "B" } },
    });
    const merged = await call("/crm/v3/objects/contacts/merge", {
      method: "POST",
      body: { primaryObjectId: a.json().id, objectIdToMerge: b.json().id },
    });
    assert.equal(merged.status, 200, merged.text);
    const newId = merged.json().id;
    assert.notEqual(newId, a.json().id, merged.text);
    for (const old of [a.json().id, b.json().id]) {
      const r = await call(`/crm/v3/objects/contacts/${old}?properties=firstname,lastname`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json().id, newId, r.text);
      assert.deepEqual([r.json().properties.firstname, r.json().properties.lastname], ["A", "B"], r.text);
    }
  });

  test("the ten-secondly rolling limit answers 429 with HubSpot's body and Retry-After", async () => {
    const token = randomUUID();
    const limits = await call("/_limits", { method: "PUT", body: { maxRequests: 3, intervalMs: 60_000 } });
    assert.equal(limits.status, 200, limits.text);
    try {
      for (let i = 0; i < 3; i++) {
        const r = await call("/crm/v3/objects/contacts/101", { token });
        assert.equal(r.status, 200, r.text);
        assert.equal(r.headers.get("x-hubspot-ratelimit-remaining"), String(2 - i), r.text);
      }
      const limited = await call("/crm/v3/objects/contacts/101", { token });
      assert.equal(limited.status, 429, limited.text);
      assert.equal(limited.headers.get("retry-after"), "60", limited.text);
      const { correlationId: _id, ...body } = limited.json();
      assert.deepEqual(
        body,
        {
          status: "error",
          message: "You have reached your ten_secondly_rolling limit.",
          errorType: "RATE_LIMIT",
          policyName: "TEN_SECONDLY_ROLLING",
          groupName: "publicapi:sandbox",
        },
        limited.text,
      );
      const otherToken = await call("/crm/v3/objects/contacts/101", { token: randomUUID() });
      assert.equal(otherToken.status, 200, otherToken.text);
    } finally {
      await call("/_limits", { method: "PUT", body: {} });
    }
  });

  test("batch update of a missing id answers 207 with a StandardError naming it, and updates the rest", async () => {
    const created = await call("/crm/v3/objects/contacts", {
      method: "POST",
      body: { properties: { firstname: "Kept" } },
    });
    const id = created.json().id;
    const r = await call("/crm/v3/objects/contacts/batch/update", {
      method: "POST",
      body: {
        inputs: [
          { id, properties: { firstname: "Changed" } },
          { id: "777777", properties: { firstname: "Nobody" } },
        ],
      },
    });
    assert.equal(r.status, 207, r.text);
    const body = r.json();
    assert.equal(body.status, "COMPLETE", r.text);
    assert.equal(body.numErrors, 1, r.text);
    assert.deepEqual(
      body.results.map((record: { id: string }) => record.id),
      [id],
      r.text,
    );
    assert.deepEqual(
      body.errors,
      [
        {
          status: "error",
          category: "OBJECT_NOT_FOUND",
          message:
            "Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid.",
          context: { ids: ["777777"] },
          errors: [],
          links: {},
        },
      ],
      r.text,
    );
    const read = await call(`/crm/v3/objects/contacts/${id}?properties=firstname`);
    assert.equal(read.json().properties.firstname, "Changed", read.text);
  });

  test("_stats counts vendor calls per path and 429s, not admin calls, until reset", async () => {
    const token = randomUUID();
    const reset = await call("/_stats/reset", { method: "POST" });
    assert.equal(reset.status, 204, reset.text);
    await call("/crm/v3/objects/contacts/101?properties=email", { token });
    await call("/crm/v3/objects/contacts/101", { token });
    await call("/_faults", { method: "POST", body: { kind: "429", token } });
    const limited = await call("/crm/v3/objects/companies/batch/read", {
      method: "POST",
      body: { inputs: [{ id: "202" }] },
      token,
    });
    assert.equal(limited.status, 429, limited.text);
    const stats = await call("/_stats");
    assert.equal(stats.status, 200, stats.text);
    assert.deepEqual(
      stats.json(),
      {
        requests: 3,
        byPath: {
          "GET /crm/v3/objects/contacts/101": 2,
          "POST /crm/v3/objects/companies/batch/read": 1,
        },
        rateLimited: 1,
      },
      stats.text,
    );
    await call("/_stats/reset", { method: "POST" });
    const after = await call("/_stats");
    assert.deepEqual(after.json(), { requests: 0, byPath: {}, rateLimited: 0 }, after.text);
  });

  test("injected faults answer the next N requests of their token, then the sandbox recovers", async () => {
    const token = randomUUID();
    const fault = await call("/_faults", { method: "POST", body: { kind: "500", count: 2, token } });
    assert.equal(fault.status, 201, fault.text);
    const bystander = await call("/crm/v3/objects/contacts/101");
    assert.equal(bystander.status, 200, bystander.text);
    for (let i = 0; i < 2; i++) {
      const r = await call("/crm/v3/objects/contacts/101", { token });
      assert.equal(r.status, 500, r.text);
    }
    const recovered = await call("/crm/v3/objects/contacts/101", { token });
    assert.equal(recovered.status, 200, recovered.text);

    await call("/_faults", { method: "POST", body: { kind: "revoked", durationMs: 60_000, token } });
    const revoked = await call("/crm/v3/objects/companies/202", { token });
    assert.equal(revoked.status, 401, revoked.text);
    assert.equal(revoked.json().category, "INVALID_AUTHENTICATION", revoked.text);
    const cleared = await call("/_faults", { method: "DELETE" });
    assert.equal(cleared.status, 204, cleared.text);
    const after = await call("/crm/v3/objects/companies/202", { token });
    assert.equal(after.status, 200, after.text);
  });

  test("a timeout fault never answers, and the sandbox lets go when the client hangs up", async () => {
    const token = randomUUID();
    await call("/_faults", { method: "POST", body: { kind: "timeout", token } });
    await assert.rejects(
      fetch(`${base}/crm/v3/objects/contacts/101`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(200),
      }),
      (error: Error) => error.name === "TimeoutError",
    );
    const next = await call("/crm/v3/objects/contacts/101", { token });
    assert.equal(next.status, 200, next.text);
  });
});
