import assert from "node:assert/strict";
import { test } from "node:test";
import { insertCustomer } from "../../customers/customer-repository.ts";
import { messages } from "../../errors/messages.ts";
import { buildApp } from "../../http/app.ts";
import type { CrmName } from "../../integrations/crm-connection.ts";
import type { CrmPusher, PushOutcome, PushTarget } from "../../integrations/crm-pusher.ts";
import { describeOnEachBackend, type TestAccount } from "../../testing/test-app.ts";
import { outboxStats } from "../outbox/outbox-stats.ts";
import { SyncWorker } from "../sync-worker.ts";

/** Stands in for a CRM: answers every target with the outcome `script` gives. */
function fakePusher(
  crm: CrmName,
  script: (target: PushTarget) => PushOutcome = () => ({ status: "pushed" }),
) {
  return { crm, batchSize: 100, push: async (_c, targets) => targets.map(script) } satisfies CrmPusher;
}

describeOnEachBackend("sync visibility endpoints", (ctx) => {
  const worker = (...pushers: CrmPusher[]) =>
    new SyncWorker(
      { db: ctx.db, selfUrl: () => "http://127.0.0.1:9" },
      {
        pushers,
        lingerMs: 0,
        backoff: { baseMs: 60_000, capMs: 60_000 },
        onOutcome: ctx.app.syncMetrics.recordOutcome,
      },
    );
  const get = (account: TestAccount, url: string) =>
    ctx.app.inject({ method: "GET", url, headers: account.headers });
  async function customerSync(account: TestAccount, id: number) {
    const response = await get(account, `/v1/customers/${id}/sync`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json();
  }
  async function syncedCustomer(account: TestAccount, links: Record<string, unknown>) {
    return insertCustomer(ctx.db, {
      accountId: account.accountId,
      currency: "USD",
      firstName: "Ada",
      ...links,
    });
  }
  const rename = (id: number, firstName: string) =>
    ctx.db.updateTable("customers").set({ firstName }).where("id", "=", id).execute();

  test("a customer's sync shows its pending pushes, then what the worker pushed, versions counting its changes", async () => {
    const account = await ctx.newAccount();
    const customer = await syncedCustomer(account, {
      salesforceId: "0014100000JJ3wtAAD",
      salesforceSynchStatus: "Enabled",
      hubSpotId: 101,
    });
    const before = await customerSync(account, customer.id);
    assert.equal(before.customerId, customer.id, JSON.stringify(before));
    assert.deepEqual(
      { ...before.salesforce, enqueuedAt: typeof before.salesforce.enqueuedAt },
      {
        linkedId: "0014100000JJ3wtAAD",
        syncStatus: "Enabled",
        syncEnabled: true,
        pending: true,
        dead: false,
        version: 1,
        attempts: 0,
        lastError: null,
        enqueuedAt: "string",
        availableAt: before.salesforce.availableAt,
        lastPushedVersion: null,
        lastPushedAt: null,
        connection: { status: "ok", lastError: null, failedAt: null, nextProbeAt: null },
      },
      JSON.stringify(before),
    );
    assert.equal(before.hubspot.linkedId, "101", JSON.stringify(before));
    assert.equal(before.hubspot.linkedCompanyId, null, JSON.stringify(before));
    assert.equal(before.hubspot.pending, true, JSON.stringify(before));
    assert.deepEqual(
      [
        before.netsuite.linkedId,
        before.netsuite.syncEnabled,
        before.netsuite.pending,
        before.netsuite.version,
      ],
      [null, false, false, 0],
      JSON.stringify(before),
    );

    await worker(fakePusher("salesforce"), fakePusher("hubspot")).runRound();
    const pushed = await customerSync(account, customer.id);
    assert.deepEqual(
      [pushed.salesforce.pending, pushed.salesforce.version, pushed.salesforce.lastPushedVersion],
      [false, 1, 1],
      JSON.stringify(pushed),
    );
    assert.ok(!Number.isNaN(Date.parse(pushed.salesforce.lastPushedAt)), JSON.stringify(pushed));
    assert.equal(pushed.salesforce.enqueuedAt, null, JSON.stringify(pushed));

    await rename(customer.id, "Grace");
    await rename(customer.id, "Hedy");
    const changed = await customerSync(account, customer.id);
    assert.deepEqual(
      [changed.salesforce.pending, changed.salesforce.version, changed.salesforce.lastPushedVersion],
      [true, 3, 1],
      JSON.stringify(changed),
    );
    await worker(fakePusher("salesforce")).runRound();
    const again = await customerSync(account, customer.id);
    assert.deepEqual(
      [again.salesforce.pending, again.salesforce.version, again.salesforce.lastPushedVersion],
      [false, 3, 3],
      JSON.stringify(again),
    );
  });

  test("a failed push shows its attempts and last error; a broken link shows a dead push and status Error", async () => {
    const account = await ctx.newAccount();
    const flaky = await syncedCustomer(account, {
      salesforceId: "0014100000JJ3wtAAD",
      salesforceSynchStatus: "Enabled",
    });
    const gone = await syncedCustomer(account, { netsuiteId: "1744203", netsuiteSynchStatus: "Enabled" });
    await worker(
      fakePusher("salesforce", () => ({ status: "retry", error: "503 Service Unavailable" })),
      fakePusher("netsuite", () => ({ status: "broken", error: "404 record gone" })),
    ).runRound();
    const retrying = (await customerSync(account, flaky.id)).salesforce;
    assert.deepEqual(
      [retrying.pending, retrying.dead, retrying.attempts, retrying.lastError],
      [true, false, 1, "503 Service Unavailable"],
      JSON.stringify(retrying),
    );
    assert.ok(Date.parse(retrying.availableAt) > Date.parse(retrying.enqueuedAt), JSON.stringify(retrying));
    const broken = (await customerSync(account, gone.id)).netsuite;
    assert.deepEqual(
      [broken.pending, broken.dead, broken.syncStatus, broken.syncEnabled, broken.lastError],
      [false, true, "Error", false, "404 record gone"],
      JSON.stringify(broken),
    );
  });

  test("a customer that does not exist, or belongs to another account, is a 404", async () => {
    const owner = await ctx.newAccount();
    const other = await ctx.newAccount();
    const customer = await syncedCustomer(owner, { hubSpotId: 101 });
    for (const [account, id] of [
      [other, customer.id],
      [owner, 987654321],
    ] as const) {
      const response = await get(account, `/v1/customers/${id}/sync`);
      assert.equal(response.statusCode, 404, response.body);
      assert.equal(response.json().Errors[0].Value, messages.customerNotFound(id), response.body);
    }
  });

  test("the account's queue shows pending and dead pushes per CRM, and nothing of other accounts", async () => {
    const account = await ctx.newAccount();
    const quiet = await ctx.newAccount();
    await syncedCustomer(account, { hubSpotId: 101 });
    await syncedCustomer(account, { hubSpotCompanyId: 202 });
    await syncedCustomer(account, { netsuiteId: "1744203", netsuiteSynchStatus: "Enabled" });
    await worker(fakePusher("netsuite", () => ({ status: "broken", error: "404" }))).runRound();
    const response = await get(account, "/v1/sync");
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    assert.deepEqual(
      [
        body.hubspot.pending,
        body.hubspot.dead,
        body.netsuite.pending,
        body.netsuite.dead,
        body.salesforce.pending,
      ],
      [2, 0, 0, 1, 0],
      response.body,
    );
    assert.ok(body.hubspot.oldestPendingSeconds >= 0, response.body);
    const empty = await get(quiet, "/v1/sync");
    assert.equal(empty.statusCode, 200, empty.body);
    assert.deepEqual(
      empty.json(),
      Object.fromEntries(
        ["salesforce", "netsuite", "hubspot"].map((crm) => [
          crm,
          {
            pending: 0,
            dead: 0,
            oldestPendingSeconds: 0,
            connection: { status: "ok", lastError: null, failedAt: null, nextProbeAt: null },
          },
        ]),
      ),
      empty.body,
    );
  });

  test("replay puts the account's dead pushes of one CRM, or of all, back in the queue and says how many", async () => {
    const account = await ctx.newAccount();
    const other = await ctx.newAccount();
    await syncedCustomer(account, { hubSpotId: 101 });
    await syncedCustomer(account, { netsuiteId: "1744203", netsuiteSynchStatus: "Enabled" });
    await syncedCustomer(other, { hubSpotId: 101 });
    const failing = () => ({ status: "broken", error: "404" }) as const;
    await worker(fakePusher("hubspot", failing), fakePusher("netsuite", failing)).runRound();
    const replay = (who: TestAccount, payload?: string, url = "/v1/sync/replay") =>
      ctx.app.inject({
        method: "POST",
        url,
        headers: who.headers,
        ...(payload === undefined ? {} : { payload }),
      });

    const hubspot = await replay(account, "{crm:'HubSpot'}");
    assert.equal(hubspot.statusCode, 200, hubspot.body);
    assert.deepEqual(hubspot.json(), { replayed: 1 }, hubspot.body);
    const stats = await outboxStats(ctx.db, account.accountId);
    const hubspotStats = stats.find((row) => row.crm === "hubspot");
    assert.deepEqual([hubspotStats?.pending, hubspotStats?.dead], [1, 0], JSON.stringify(stats));

    const rest = await replay(account);
    assert.deepEqual([rest.statusCode, rest.json()], [200, { replayed: 1 }], rest.body);
    const byQuery = await replay(other, undefined, "/v1/sync/replay?crm=hubspot");
    assert.deepEqual([byQuery.statusCode, byQuery.json()], [200, { replayed: 1 }], byQuery.body);
    const nothing = await replay(account, "{}");
    assert.deepEqual([nothing.statusCode, nothing.json()], [200, { replayed: 0 }], nothing.body);
  });

  test("replay refuses a CRM it does not know and a body that is not JSON, rather than replaying everything", async () => {
    const account = await ctx.newAccount();
    const unknown = await ctx.app.inject({
      method: "POST",
      url: "/v1/sync/replay",
      headers: account.headers,
      payload: { crm: "quickbooks" },
    });
    assert.equal(unknown.statusCode, 400, unknown.body);
    assert.equal(unknown.json().Errors[0].Value, messages.syncReplayCrm("quickbooks"), unknown.body);
    const garbled = await ctx.app.inject({
      method: "POST",
      url: "/v1/sync/replay",
      headers: account.headers,
      payload: "{crm:'hubspot'",
    });
    assert.equal(garbled.statusCode, 400, garbled.body);
  });

  test("the sync endpoints need an API key", async () => {
    for (const [method, url] of [
      ["GET", "/v1/sync"],
      ["POST", "/v1/sync/replay"],
      ["GET", "/v1/customers/1/sync"],
    ] as const) {
      const response = await ctx.app.inject({ method, url });
      assert.equal(response.statusCode, 401, `${url}: ${response.body}`);
    }
  });

  test("/metrics shows the outbox per CRM as read at scrape time, and the pushes the worker settled", async () => {
    const account = await ctx.newAccount();
    const done = await syncedCustomer(account, {
      salesforceId: "0014100000JJ3wtAAD",
      salesforceSynchStatus: "Enabled",
    });
    await syncedCustomer(account, { salesforceId: "0014100000JJ3wuAAD", salesforceSynchStatus: "Enabled" });
    await worker(
      fakePusher("salesforce", (target) =>
        target.customer.id === done.id
          ? { status: "pushed" }
          : { status: "retry", error: "429 Too Many Requests", retryAfterMs: 1000 },
      ),
    ).runRound();
    await syncedCustomer(account, { hubSpotId: 101 });
    const response = await ctx.app.inject({ method: "GET", url: "/metrics" });
    assert.equal(response.statusCode, 200, response.body);
    assert.match(String(response.headers["content-type"]), /^text\/plain/, response.body);
    const value = (name: string) => {
      const line = response.body.split("\n").find((candidate) => candidate.startsWith(`${name} `));
      assert.ok(line, `${name} in ${response.body}`);
      return Number(line.split(" ")[1]);
    };
    const stats = await outboxStats(ctx.db);
    const pending = (crm: string) => stats.find((row) => row.crm === crm)?.pending ?? 0;
    assert.equal(value('latchwork_sync_outbox_pending{crm="hubspot"}'), pending("hubspot"), response.body);
    assert.equal(
      value('latchwork_sync_outbox_pending{crm="salesforce"}'),
      pending("salesforce"),
      response.body,
    );
    assert.ok(value('latchwork_sync_outbox_oldest_pending_seconds{crm="salesforce"}') > 0, response.body);
    assert.ok(value('latchwork_sync_pushes_total{crm="salesforce",outcome="retry"}') >= 1, response.body);
    assert.ok(value('latchwork_sync_rate_limited_total{crm="salesforce"}') >= 1, response.body);
    assert.ok(value('latchwork_sync_pushes_total{crm="salesforce",outcome="pushed"}') >= 1, response.body);
  });

  test("a successful API write wakes the worker through afterWrite; reads and failed writes do not", async () => {
    let wakes = 0;
    const app = await buildApp({ db: ctx.db, afterWrite: () => wakes++ });
    try {
      const account = await ctx.newAccount();
      const created = await app.inject({
        method: "POST",
        url: "/v1/customers",
        headers: account.headers,
        payload: { firstName: "Ada" },
      });
      assert.equal(created.statusCode, 200, created.body);
      assert.equal(wakes, 1, created.body);
      const read = await app.inject({
        method: "GET",
        url: `/v1/customers/${created.json().id}`,
        headers: account.headers,
      });
      assert.equal(read.statusCode, 200, read.body);
      const failed = await app.inject({
        method: "POST",
        url: "/v1/customers",
        headers: account.headers,
        payload: { currency: "XXX" },
      });
      assert.equal(failed.statusCode, 400, failed.body);
      assert.equal(wakes, 1, failed.body);
    } finally {
      await app.close();
    }
  });
});
