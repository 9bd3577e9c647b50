import assert from "node:assert/strict";
import { before, beforeEach, test } from "node:test";
import { sql } from "kysely";
import { markConnectionFailing } from "../integrations/connection-health.ts";
import type { CrmPusher } from "../integrations/crm-pusher.ts";
import { createHubSpotPusher } from "../integrations/hubspot/hubspot-pusher.ts";
import { createSalesforcePusher } from "../integrations/salesforce/salesforce-pusher.ts";
import { clearFaults, injectFault, selfUrl } from "../testing/integration-test-kit.ts";
import {
  createHubSpotContacts,
  drain,
  latchedToContacts,
  outboxRows,
  readHubSpotContacts,
  resetSandboxStats,
  sandboxStats,
} from "../testing/sync-test-kit.ts";
import { describeOnEachBackend, type TestAccount } from "../testing/test-app.ts";
import { SyncWorker } from "./sync-worker.ts";

describeOnEachBackend("connections whose credentials the CRM refuses", (ctx) => {
  before(async () => {
    await ctx.app.listen({ port: 0, host: "127.0.0.1" });
  });
  beforeEach(async () => {
    for (const crm of ["hubspot", "salesforce"] as const) await clearFaults(ctx, crm);
  });

  const deps = () => ({ db: ctx.db, selfUrl: () => selfUrl(ctx) });
  const newWorker = (pusher: CrmPusher, probeMs = 60_000) =>
    new SyncWorker(deps(), {
      pushers: [pusher],
      lingerMs: 0,
      backoff: { baseMs: 1, capMs: 10 },
      sandboxProbe: { baseMs: probeMs, capMs: probeMs * 4 },
    });
  const get = async (account: TestAccount, url: string) => {
    const response = await ctx.app.inject({ method: "GET", url, headers: account.headers });
    assert.equal(response.statusCode, 200, response.body);
    return response.json();
  };
  const putHubSpot = async (account: TestAccount, accessToken: string) => {
    const response = await ctx.app.inject({
      method: "PUT",
      url: "/v1/integrations/hubspot",
      headers: account.headers,
      payload: { baseUrl: `${selfUrl(ctx)}/sandbox/hubspot`, credentials: { accessToken } },
    });
    assert.equal(response.statusCode, 200, response.body);
    return response.json();
  };
  const renameAll = (accountId: number, firstName: string) =>
    ctx.db.updateTable("customers").set({ firstName }).where("accountId", "=", accountId).execute();

  test("a HubSpot 401 marks a configured connection failing at once; its pushes wait, using up no attempt, until PUT saves new credentials", async () => {
    const account = await ctx.newAccount();
    const oldToken = `old-token-${account.accountId}`;
    await putHubSpot(account, oldToken);
    const contactIds = await createHubSpotContacts(ctx, "setup", 3);
    const [customerId] = await latchedToContacts(ctx, account.accountId, contactIds);
    await injectFault(ctx, "hubspot", { kind: "revoked", durationMs: 600_000, token: oldToken });
    await renameAll(account.accountId, "after");
    await resetSandboxStats(ctx, "hubspot");
    const worker = newWorker(createHubSpotPusher(deps()));

    const refused = await worker.runRound();
    assert.deepEqual(refused, { pushed: 0, retried: 0, broken: 0, dead: 0, held: 3 });
    assert.equal((await sandboxStats(ctx, "hubspot")).requests, 1, "a private-app token is not retried");
    // the failing connection is left alone: no call, no attempt, no dead letter
    assert.deepEqual(await worker.runRound(), { pushed: 0, retried: 0, broken: 0, dead: 0, held: 0 });
    assert.equal((await sandboxStats(ctx, "hubspot")).requests, 1);
    const rows = await outboxRows(ctx, account.accountId);
    assert.equal(rows.length, 3, JSON.stringify(rows));
    for (const row of rows) {
      assert.deepEqual([row.attempts, row.deadAt, row.claimedBy], [0, null, null], JSON.stringify(rows));
      assert.match(String(row.lastError), /^HubSpot refused the connection's credentials: HTTP 401/);
    }

    const connection = await get(account, "/v1/integrations/hubspot");
    assert.equal(connection.health.status, "failing", JSON.stringify(connection));
    assert.equal(connection.health.lastError, rows[0]?.lastError, JSON.stringify(connection));
    assert.ok(!Number.isNaN(Date.parse(connection.health.failedAt)), JSON.stringify(connection));
    assert.equal(connection.health.nextProbeAt, null, "a configured connection waits for new credentials");
    const queue = await get(account, "/v1/sync");
    assert.deepEqual(
      [queue.hubspot.pending, queue.hubspot.dead, queue.hubspot.connection.status],
      [3, 0, "failing"],
      JSON.stringify(queue),
    );
    assert.equal(queue.salesforce.connection.status, "ok", JSON.stringify(queue));
    const customer = await get(account, `/v1/customers/${customerId}/sync`);
    assert.deepEqual(
      [customer.hubspot.pending, customer.hubspot.attempts, customer.hubspot.connection.status],
      [true, 0, "failing"],
      JSON.stringify(customer),
    );

    const saved = await putHubSpot(account, `new-token-${account.accountId}`);
    assert.equal(saved.health.status, "ok", JSON.stringify(saved));
    await drain(ctx, worker, account.accountId);
    const contacts = await readHubSpotContacts(ctx, "check", contactIds);
    assert.deepEqual(
      contactIds.map((id) => contacts.get(id)?.firstname),
      ["after", "after", "after"],
      JSON.stringify([...contacts]),
    );
    assert.equal((await get(account, "/v1/sync")).hubspot.connection.status, "ok");
  });

  test("a failing sandbox connection is probed after a delay that doubles, and recovers by itself", async () => {
    const account = await ctx.newAccount();
    const contactIds = await createHubSpotContacts(ctx, "setup", 2);
    await latchedToContacts(ctx, account.accountId, contactIds);
    await injectFault(ctx, "hubspot", { kind: "revoked", count: 2, token: `sandbox-${account.accountId}` });
    await renameAll(account.accountId, "probed");
    await resetSandboxStats(ctx, "hubspot");
    const worker = newWorker(createHubSpotPusher(deps()), 60_000);
    // the clock is not waited for: the probe is made due by moving its time to now
    const probeNow = async () => {
      await ctx.db
        .updateTable("crmConnectionHealth")
        .set({ probeAt: sql<Date>`now()` })
        .where("accountId", "=", account.accountId)
        .execute();
      return worker.runRound();
    };

    assert.equal((await worker.runRound()).held, 2);
    const first = (await get(account, "/v1/integrations/hubspot")).health;
    assert.equal(first.status, "failing", JSON.stringify(first));
    assert.equal(Date.parse(first.nextProbeAt) - Date.parse(first.failedAt), 60_000, JSON.stringify(first));
    assert.equal((await worker.runRound()).held, 0, "nothing is tried before the probe is due");

    // the first probe meets the second refusal: the next one waits twice as long
    assert.equal((await probeNow()).held, 2);
    const second = (await get(account, "/v1/integrations/hubspot")).health;
    assert.equal(
      Date.parse(second.nextProbeAt) - Date.parse(second.failedAt),
      120_000,
      JSON.stringify(second),
    );
    assert.equal((await probeNow()).pushed, 2);

    assert.equal((await get(account, "/v1/integrations/hubspot")).health.status, "ok");
    assert.equal((await sandboxStats(ctx, "hubspot")).requests, 3, "one call per try");
    const contacts = await readHubSpotContacts(ctx, "check", contactIds);
    assert.deepEqual(
      contactIds.map((id) => contacts.get(id)?.firstname),
      ["probed", "probed"],
    );
    const rows = await outboxRows(ctx, account.accountId);
    assert.deepEqual(rows, [], JSON.stringify(rows));
  });

  test("DELETE of a failing connection forgets its failing state with it", async () => {
    const account = await ctx.newAccount();
    await putHubSpot(account, `doomed-${account.accountId}`);
    await markConnectionFailing(ctx.db, { accountId: account.accountId, crm: "hubspot", error: "refused" });
    assert.equal((await get(account, "/v1/integrations/hubspot")).health.status, "failing");
    const removed = await ctx.app.inject({
      method: "DELETE",
      url: "/v1/integrations/hubspot",
      headers: account.headers,
    });
    assert.equal(removed.statusCode, 200, removed.body);
    assert.deepEqual([removed.json().source, removed.json().health.status], ["sandbox", "ok"], removed.body);
  });

  test("Salesforce renews a refused token once; refused again, the connection is failing", async () => {
    const account = await ctx.newAccount();
    const customer = await ctx.db
      .insertInto("customers")
      .values({
        accountId: account.accountId,
        currency: "USD",
        companyName: "Before",
        salesforceId: "0014100000JJ3wtAAD",
        salesforceSynchStatus: "Enabled",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const worker = newWorker(createSalesforcePusher(deps()));
    // a first push leaves a token in the session cache
    await drain(ctx, worker, account.accountId);
    await resetSandboxStats(ctx, "salesforce");
    // the data call's 401 revokes the token; the renewal is refused too
    await injectFault(ctx, "salesforce", { kind: "revoked", count: 2 });
    await ctx.db
      .updateTable("customers")
      .set({ companyName: "After" })
      .where("id", "=", customer.id)
      .execute();

    assert.equal((await worker.runRound()).held, 1);
    const stats = await sandboxStats(ctx, "salesforce");
    assert.deepEqual(
      stats.byPath,
      { "PATCH /services/data/:version/composite/sobjects": 1, "POST /services/oauth2/token": 1 },
      JSON.stringify(stats),
    );
    const view = await get(account, `/v1/customers/${customer.id}/sync`);
    assert.equal(view.salesforce.connection.status, "failing", JSON.stringify(view));
    assert.match(
      view.salesforce.connection.lastError,
      /^Salesforce refused the connection's credentials: the token request was refused \(HTTP 400 invalid_client\)/,
      JSON.stringify(view),
    );
    assert.deepEqual([view.salesforce.pending, view.salesforce.attempts], [true, 0], JSON.stringify(view));
  });
});
