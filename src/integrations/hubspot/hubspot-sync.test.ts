import assert from "node:assert/strict";
import { before, test } from "node:test";
import { sql } from "kysely";
import { findPushStates } from "../../sync/sync-repository.ts";
import { SyncWorker } from "../../sync/sync-worker.ts";
import { describeOnEachBackend, type TestAccount } from "../../testing/test-app.ts";
import { type IntegrationDeps, sandboxConnection } from "../crm-connection.ts";
import type { PushTarget } from "../crm-pusher.ts";
import { createHubSpotPusher } from "./hubspot-pusher.ts";

describeOnEachBackend("HubSpot sync over HTTP", (ctx) => {
  let base = "";
  let deps: IntegrationDeps;

  before(async () => {
    // a PGlite opened from the test template spins at close if it never ran a query
    await sql`select 1`.execute(ctx.db);
    base = await ctx.app.listen({ port: 0, host: "127.0.0.1" });
    deps = { db: ctx.db, selfUrl: () => base };
  });

  /** The customers' latest state by id, as the worker reads it for a push. */
  async function customersByIds(accountId: number, ids: number[]) {
    const states = await findPushStates(ctx.db, accountId, "hubspot", ids);
    return new Map([...states].map(([id, state]) => [id, state.customer]));
  }

  /** A call to the HubSpot sandbox, as the account's sandbox token when `accountId` is given. */
  async function sandbox(path: string, init: { method?: string; body?: unknown; accountId?: number } = {}) {
    const headers: Record<string, string> = { authorization: `Bearer sandbox-${init.accountId ?? 0}` };
    if (init.body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${base}/sandbox/hubspot${path}`, {
      method: init.method ?? "GET",
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const text = await response.text();
    return { status: response.status, text, json: () => JSON.parse(text) };
  }

  async function stats() {
    const r = await sandbox("/_stats");
    assert.equal(r.status, 200, r.text);
    return r.json() as { requests: number; byPath: Record<string, number>; rateLimited: number };
  }

  /** Every test starts with a clean sandbox and an empty outbox (workers claim across accounts). */
  async function resetSandbox() {
    await ctx.db.deleteFrom("syncOutbox").execute();
    assert.equal((await sandbox("/_faults", { method: "DELETE" })).status, 204);
    const limits = await sandbox("/_limits", {
      method: "PUT",
      body: { maxRequests: 100, intervalMs: 10_000 },
    });
    assert.equal(limits.status, 200, limits.text);
    assert.equal((await sandbox("/_stats/reset", { method: "POST" })).status, 204);
  }

  /** `count` sandbox contacts, made with the batch endpoint (100 per call). */
  async function createContacts(accountId: number, count: number, prefix: string): Promise<string[]> {
    const ids: string[] = [];
    for (let start = 0; start < count; start += 100) {
      const inputs = Array.from({ length: Math.min(100, count - start) }, (_, i) => ({
        properties: { firstname: `${prefix}${start + i}` },
      }));
      const r = await sandbox("/crm/v3/objects/contacts/batch/create", {
        method: "POST",
        body: { inputs },
        accountId,
      });
      assert.equal(r.status, 201, r.text);
      ids.push(...r.json().results.map((record: { id: string }) => record.id));
    }
    return ids;
  }

  /** Customers latched to those contacts, inserted directly; their initial pushes are dropped. */
  async function latchedCustomers(account: TestAccount, contactIds: string[]): Promise<number[]> {
    const rows = await ctx.db
      .insertInto("customers")
      .values(
        contactIds.map((contactId, i) => ({
          accountId: account.accountId,
          currency: "USD",
          firstName: `before${i}`,
          hubSpotId: Number(contactId),
        })),
      )
      .returning("id")
      .execute();
    await ctx.db.deleteFrom("syncOutbox").where("accountId", "=", account.accountId).execute();
    return rows.map((row) => row.id);
  }

  async function readContacts(
    accountId: number,
    ids: string[],
  ): Promise<Map<string, Record<string, string>>> {
    const found = new Map<string, Record<string, string>>();
    for (let start = 0; start < ids.length; start += 100) {
      const r = await sandbox("/crm/v3/objects/contacts/batch/read", {
        method: "POST",
        body: {
          inputs: ids.slice(start, start + 100).map((id) => ({ id })),
          properties: ["firstname", "email"],
        },
        accountId,
      });
      assert.equal(r.status, 200, r.text);
      for (const record of r.json().results) found.set(record.id, record.properties);
    }
    return found;
  }

  async function pending(accountId: number) {
    return ctx.db
      .selectFrom("syncOutbox")
      .select(["customerId", "attempts", "lastError", "deadAt"])
      .where("accountId", "=", accountId)
      .execute();
  }

  /** Runs worker rounds until the account has nothing left to push (dead letters aside). */
  async function drain(worker: SyncWorker, accountId: number) {
    for (let round = 0; round < 5_000; round++) {
      const rows = await pending(accountId);
      if (rows.every((row) => row.deadAt !== null)) return;
      const result = await worker.runRound();
      // rows waiting for their retry time: let the clock move on
      if (result.pushed + result.retried + result.broken + result.dead === 0)
        await new Promise((resolve) => setTimeout(resolve, 5));
    }
    assert.fail(`the outbox did not drain: ${JSON.stringify(await pending(accountId))}`);
  }

  /** A worker that retries within milliseconds; `crmTimeoutMs` short for the outage's hung requests. */
  const newWorker = (crmTimeoutMs?: number) => {
    const workerDeps = { ...deps, crmTimeoutMs };
    return new SyncWorker(workerDeps, {
      pushers: [createHubSpotPusher(workerDeps)],
      backoff: { baseMs: 1, capMs: 20 },
    });
  };

  test("a PUT of a latched customer shows up in the sandbox contact", async () => {
    await resetSandbox();
    const account = await ctx.newAccount();
    const [contactId] = await createContacts(account.accountId, 1, "Old");
    const created = await ctx.app.inject({
      method: "POST",
      url: "/v1/customers",
      headers: account.headers,
      payload: { firstName: "Ada", lastName: "Lovelace" },
    });
    assert.equal(created.statusCode, 200, created.body);
    const id = created.json().id;
    const latched = await ctx.app.inject({
      method: "POST",
      url: "/v1/HubSpot/latchCustomer",
      headers: account.headers,
      payload: { fusebillId: id, hubSpotId: Number(contactId) },
    });
    assert.equal(latched.statusCode, 200, latched.body);
    const put = await ctx.app.inject({
      method: "PUT",
      url: "/v1/customers",
      headers: account.headers,
      payload: {
        id,
        status: "Draft",
        firstName: "Grace",
        lastName: "Hopper",
        companyName: "Navy",
        primaryEmail: "grace@example.com",
      },
    });
    assert.equal(put.statusCode, 200, put.body);
    await drain(newWorker(), account.accountId);
    const contact = await sandbox(
      `/crm/v3/objects/contacts/${contactId}?properties=firstname,lastname,email,company`,
      {
        accountId: account.accountId,
      },
    );
    assert.equal(contact.status, 200, contact.text);
    const { firstname, lastname, email, company } = contact.json().properties;
    assert.deepEqual(
      { firstname, lastname, email, company },
      {
        firstname: "Grace",
        lastname: "Hopper",
        email: "grace@example.com",
        company: "Navy",
      },
      contact.text,
    );
    assert.deepEqual(await pending(account.accountId), []);
  });

  test("1,000 changes to 1,000 latched customers take 10 HubSpot calls and no 429", async () => {
    await resetSandbox();
    const account = await ctx.newAccount();
    const contactIds = await createContacts(account.accountId, 1_000, "c");
    const customerIds = await latchedCustomers(account, contactIds);
    assert.equal((await sandbox("/_stats/reset", { method: "POST" })).status, 204);
    // two writes per customer: they coalesce into one push of the latest state
    await sql`update customers set first_name = 'first' || id where account_id = ${account.accountId}`.execute(
      ctx.db,
    );
    await sql`update customers set first_name = 'after' || id where account_id = ${account.accountId}`.execute(
      ctx.db,
    );
    await drain(newWorker(), account.accountId);
    const used = await stats();
    assert.ok(used.requests <= 10, JSON.stringify(used));
    assert.deepEqual(used.byPath, { "POST /crm/v3/objects/contacts/batch/update": 10 }, JSON.stringify(used));
    assert.equal(used.rateLimited, 0, JSON.stringify(used));
    const contacts = await readContacts(account.accountId, contactIds);
    const wrong = contactIds.filter(
      (contactId, i) => contacts.get(contactId)?.firstname !== `after${customerIds[i]}`,
    );
    assert.deepEqual(wrong, [], `${wrong.length} contacts do not show the last change`);
    assert.deepEqual(await pending(account.accountId), []);
  });

  test("concurrent pushes through one connection stay under the sandbox's limit", async () => {
    await resetSandbox();
    const limits = await sandbox("/_limits", { method: "PUT", body: { maxRequests: 20, intervalMs: 1_000 } });
    assert.equal(limits.status, 200, limits.text);
    const account = await ctx.newAccount();
    const contactIds = await createContacts(account.accountId, 30, "p");
    const customerIds = await latchedCustomers(account, contactIds);
    assert.equal((await sandbox("/_stats/reset", { method: "POST" })).status, 204);
    const customers = await customersByIds(account.accountId, customerIds);
    // a quarter of the sandbox's limit: a token is taken when a call is sent, the sandbox counts it
    // when it arrives, and in one busy process (PGlite runs here too) those moments can be far apart
    // (at half the limit, calls held up for over a second arrived together on a machine at load 15);
    // 30 calls at once would still exceed the sandbox's 20 without the bucket
    const connection = {
      ...sandboxConnection(deps, account.accountId, "hubspot"),
      settings: { rateLimit: { requests: 5, perMs: 1_000 } },
    };
    // one pusher per simulated worker process: only the database bucket is shared
    const outcomes = await Promise.all(
      customerIds.map((id, i) => {
        const customer = customers.get(id);
        assert.ok(customer);
        const target: PushTarget = {
          item: {
            id: i,
            accountId: account.accountId,
            customerId: id,
            crm: "hubspot",
            version: 1,
            attempts: 0,
          },
          customer,
        };
        return createHubSpotPusher(deps, { maxWaitMs: 30_000 }).push(connection, [target]);
      }),
    );
    assert.deepEqual(
      outcomes.flat().filter((outcome) => outcome.status !== "pushed"),
      [],
      JSON.stringify(outcomes),
    );
    const used = await stats();
    assert.equal(used.requests, 30, JSON.stringify(used));
    assert.equal(used.rateLimited, 0, JSON.stringify(used));
    await resetSandbox();
  });

  test("an outage of 5xx and timeouts loses nothing and creates nothing", async () => {
    await resetSandbox();
    const account = await ctx.newAccount();
    const contactIds = await createContacts(account.accountId, 250, "o");
    const customerIds = await latchedCustomers(account, contactIds);
    assert.equal((await sandbox("/_stats/reset", { method: "POST" })).status, 204);
    const token = `sandbox-${account.accountId}`;
    for (const fault of [
      { kind: "500", count: 4, token },
      { kind: "timeout", count: 2, token },
    ]) {
      const r = await sandbox("/_faults", { method: "POST", body: fault });
      assert.equal(r.status, 201, r.text);
    }
    await sql`update customers set first_name = 'after' || id where account_id = ${account.accountId}`.execute(
      ctx.db,
    );
    await drain(newWorker(300), account.accountId);
    const rows = await pending(account.accountId);
    assert.deepEqual(rows, [], JSON.stringify(rows));
    const used = await stats();
    assert.deepEqual(
      Object.keys(used.byPath),
      ["POST /crm/v3/objects/contacts/batch/update"],
      JSON.stringify(used),
    );
    assert.ok(used.requests >= 3 + 6, `the faults were met: ${JSON.stringify(used)}`);
    const contacts = await readContacts(account.accountId, contactIds);
    assert.equal(contacts.size, 250, "every contact is still there, once");
    const wrong = contactIds.filter(
      (contactId, i) => contacts.get(contactId)?.firstname !== `after${customerIds[i]}`,
    );
    assert.deepEqual(wrong, [], `${wrong.length} contacts do not show the change`);
  });

  test("a contact deleted in HubSpot dead-letters its customer only, the rest of the batch goes through", async () => {
    await resetSandbox();
    const account = await ctx.newAccount();
    const contactIds = await createContacts(account.accountId, 3, "d");
    const customerIds = await latchedCustomers(account, contactIds);
    const gone = contactIds[1] as string;
    const deleted = await sandbox(`/crm/v3/objects/contacts/${gone}`, {
      method: "DELETE",
      accountId: account.accountId,
    });
    assert.equal(deleted.status, 204, deleted.text);
    await sql`update customers set first_name = 'after' || id where account_id = ${account.accountId}`.execute(
      ctx.db,
    );
    await drain(newWorker(), account.accountId);
    const rows = await pending(account.accountId);
    assert.equal(rows.length, 1, JSON.stringify(rows));
    assert.equal(rows[0]?.customerId, customerIds[1], JSON.stringify(rows));
    assert.ok(rows[0]?.deadAt, JSON.stringify(rows));
    assert.match(
      String(rows[0]?.lastError),
      new RegExp(`HubSpot contact ${gone} does not exist`),
      JSON.stringify(rows),
    );
    const used = await stats();
    assert.equal(used.byPath["POST /crm/v3/objects/contacts/batch/update"], 1, JSON.stringify(used));
    const contacts = await readContacts(account.accountId, [
      contactIds[0] as string,
      contactIds[2] as string,
    ]);
    assert.equal(contacts.get(contactIds[0] as string)?.firstname, `after${customerIds[0]}`);
    assert.equal(contacts.get(contactIds[2] as string)?.firstname, `after${customerIds[2]}`);
  });

  test("a 429 hands the batch back with HubSpot's Retry-After", async () => {
    await resetSandbox();
    const account = await ctx.newAccount();
    const contactIds = await createContacts(account.accountId, 2, "r");
    const customerIds = await latchedCustomers(account, contactIds);
    const fault = await sandbox("/_faults", {
      method: "POST",
      body: { kind: "429", token: `sandbox-${account.accountId}` },
    });
    assert.equal(fault.status, 201, fault.text);
    const customers = await customersByIds(account.accountId, customerIds);
    const targets = customerIds.map((id, i): PushTarget => {
      const customer = customers.get(id);
      assert.ok(customer);
      return {
        item: {
          id: i,
          accountId: account.accountId,
          customerId: id,
          crm: "hubspot",
          version: 1,
          attempts: 0,
        },
        customer,
      };
    });
    const connection = sandboxConnection(deps, account.accountId, "hubspot");
    const outcomes = await createHubSpotPusher(deps).push(connection, targets);
    assert.equal(outcomes.length, 2, JSON.stringify(outcomes));
    for (const outcome of outcomes) {
      assert.equal(outcome.status, "retry", JSON.stringify(outcomes));
      assert.equal(outcome.status === "retry" && outcome.retryAfterMs, 1_000, JSON.stringify(outcomes));
    }
    const again = await createHubSpotPusher(deps).push(connection, targets);
    assert.deepEqual(again, [{ status: "pushed" }, { status: "pushed" }]);
  });
});
