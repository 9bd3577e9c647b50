import assert from "node:assert/strict";
import { before, beforeEach, test } from "node:test";
import { sql } from "kysely";
import {
  clearFaults,
  createCustomer,
  getCustomer,
  injectFault,
  post,
  selfUrl,
} from "../../testing/integration-test-kit.ts";
import {
  callsTo,
  deadPushes,
  drain,
  endToEndWorker,
  resetSandboxStats,
  sandboxStats,
} from "../../testing/sync-test-kit.ts";
import { describeOnEachBackend, type TestContext } from "../../testing/test-app.ts";
import { createSalesforcePusher } from "./salesforce-pusher.ts";

describeOnEachBackend("Salesforce sync end to end over HTTP", (ctx) => {
  before(async () => {
    await ctx.app.listen({ port: 0, host: "127.0.0.1" });
  });
  // a failed test must not leave its faults to the next
  beforeEach(() => clearFaults(ctx, "salesforce"));

  const newWorker = (crmTimeoutMs?: number) =>
    endToEndWorker(ctx, (deps) => createSalesforcePusher(deps, { allocationPauseMs: 1 }), crmTimeoutMs);

  test("a PUT of a latched, synced customer shows up in its sandbox Account", async () => {
    const account = await ctx.newAccount();
    const [accountId18] = await createAccounts(ctx, 1);
    const id = await createCustomer(ctx, account, { firstName: "Ada", lastName: "Lovelace" });
    const latch = await post(
      ctx,
      account,
      "/v1/Salesforce/Latch",
      JSON.stringify({ fusebillId: id, salesforceId: accountId18 }),
    );
    assert.equal(latch.statusCode, 200, latch.body);
    const enable = await post(ctx, account, `/v1/Salesforce/EnableSynch/${id}`, undefined);
    assert.equal(enable.statusCode, 200, enable.body);
    const put = await ctx.app.inject({
      method: "PUT",
      url: "/v1/customers",
      headers: account.headers,
      payload: {
        id,
        status: "Draft",
        firstName: "Ada",
        lastName: "Lovelace",
        companyName: "Analytical Engines",
        primaryPhone: "555-0101",
      },
    });
    assert.equal(put.statusCode, 200, put.body);

    await drain(ctx, newWorker(), account.accountId);
    const [record] = await readAccounts(ctx, [accountId18 as string]);
    assert.deepEqual(
      { Name: record?.Name, Phone: record?.Phone },
      { Name: "Analytical Engines", Phone: "555-0101" },
      JSON.stringify(record),
    );
  });

  test("1,000 changes to 1,000 synced customers take at most 5 Salesforce data calls", async (t) => {
    const { accountId } = await ctx.newAccount();
    const ids = await createAccounts(ctx, 1000);
    const customers = await syncedCustomers(ctx, accountId, ids);
    await resetSandboxStats(ctx, "salesforce");
    await ctx.db
      .updateTable("customers")
      .set({ companyName: sql<string>`${sql.lit("Renamed ")} || id` })
      .where("accountId", "=", accountId)
      .execute();

    await drain(ctx, newWorker(), accountId);
    const stats = await sandboxStats(ctx, "salesforce");
    const dataCalls = callsTo(stats, "/services/data/");
    const tokenCalls = callsTo(stats, "/services/oauth2/token");
    t.diagnostic(`1,000 changes: ${dataCalls} data calls, ${tokenCalls} token calls`);
    assert.ok(dataCalls <= 5, JSON.stringify(stats));
    assert.ok(tokenCalls <= 1, JSON.stringify(stats));
    const records = await readAccounts(ctx, ids);
    const wrong = records.filter((record, index) => record?.Name !== `Renamed ${customers[index]}`);
    assert.equal(wrong.length, 0, JSON.stringify(wrong.slice(0, 3)));
  });

  test("an outage loses no change and creates no duplicate once it ends", async () => {
    const { accountId } = await ctx.newAccount();
    const ids = await createAccounts(ctx, 30);
    const customers = await syncedCustomers(ctx, accountId, ids);
    const before = (await sandboxStats(ctx, "salesforce")).accounts;
    // a timed-out call comes back quickly: slowness under load only adds retries, which this test allows
    const worker = newWorker(500);
    await injectFault(ctx, "salesforce", { kind: "500", count: 2 });
    await injectFault(ctx, "salesforce", { kind: "timeout", count: 1 });
    await injectFault(ctx, "salesforce", { kind: "429", count: 1 });
    await injectFault(ctx, "salesforce", { kind: "revoked", count: 1 });
    await worker.runRound();
    // a change made during the outage is the one that must arrive
    await ctx.db
      .updateTable("customers")
      .set({ companyName: sql<string>`${sql.lit("After outage ")} || id` })
      .where("accountId", "=", accountId)
      .execute();
    await drain(ctx, worker, accountId);

    assert.deepEqual(await deadPushes(ctx, accountId), []);
    assert.equal((await sandboxStats(ctx, "salesforce")).accounts, before, "no Account was created");
    const records = await readAccounts(ctx, ids);
    const wrong = records.filter((record, index) => record?.Name !== `After outage ${customers[index]}`);
    assert.equal(wrong.length, 0, JSON.stringify(wrong.slice(0, 3)));
  });

  test("an Account deleted in Salesforce marks the customer's sync status Error", async () => {
    const account = await ctx.newAccount();
    const [kept, deleted] = await createAccounts(ctx, 2);
    const [keptCustomer, brokenCustomer] = await syncedCustomers(ctx, account.accountId, [
      kept as string,
      deleted as string,
    ]);
    const response = await sandboxCall(ctx, "DELETE", `/sobjects/Account/${deleted}`);
    assert.equal(response.status, 204, await response.text());
    await ctx.db
      .updateTable("customers")
      .set({ companyName: "Changed" })
      .where("accountId", "=", account.accountId)
      .execute();

    await drain(ctx, newWorker(), account.accountId);
    const broken = await getCustomer(ctx, account, brokenCustomer as number);
    assert.equal(broken.salesforceSynchStatus, "Error", JSON.stringify(broken));
    const fine = await getCustomer(ctx, account, keptCustomer as number);
    assert.equal(fine.salesforceSynchStatus, "Enabled", JSON.stringify(fine));
    const dead = await deadPushes(ctx, account.accountId);
    assert.deepEqual(
      dead.map((row) => [row.customerId, row.lastError?.includes("ENTITY_IS_DELETED")]),
      [[brokenCustomer, true]],
      JSON.stringify(dead),
    );
  });
});

/** Customers latched to `salesforceIds` with sync Enabled, inserted directly; the pushes their inserts queued are taken as done. */
async function syncedCustomers(
  ctx: TestContext,
  accountId: number,
  salesforceIds: string[],
): Promise<number[]> {
  const rows = await ctx.db
    .insertInto("customers")
    .values(
      salesforceIds.map((salesforceId, index) => ({
        accountId,
        currency: "USD",
        firstName: `c${index}`,
        salesforceId,
        salesforceSynchStatus: "Enabled",
      })),
    )
    .returning(["id", "salesforceId"])
    .execute();
  await ctx.db.deleteFrom("syncOutbox").where("accountId", "=", accountId).execute();
  const byAccount = new Map(rows.map((row) => [row.salesforceId, row.id]));
  return salesforceIds.map((id) => byAccount.get(id) as number);
}

let token: string | undefined;

/** A data API call to the sandbox with a token of the test's own (not the pushers' cached one). */
async function sandboxCall(
  ctx: TestContext,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  const base = `${selfUrl(ctx)}/sandbox/salesforce`;
  if (!token) {
    const grant = await fetch(`${base}/services/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&client_id=e2e&client_secret=e2e",
    });
    token = ((await grant.json()) as { access_token: string }).access_token;
  }
  return fetch(`${base}/services/data/v60.0${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** `count` new sandbox Accounts, 200 per sObject Collections create. */
async function createAccounts(ctx: TestContext, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 200) {
    const records = Array.from({ length: Math.min(200, count - start) }, (_, index) => ({
      attributes: { type: "Account" },
      Name: `Account ${start + index}`,
    }));
    const response = await sandboxCall(ctx, "POST", "/composite/sobjects", { allOrNone: false, records });
    const results = (await response.json()) as { id: string; success: boolean }[];
    assert.equal(response.status, 200, JSON.stringify(results));
    assert.ok(
      results.every((result) => result.success),
      JSON.stringify(results),
    );
    ids.push(...results.map((result) => result.id));
  }
  return ids;
}

/** The Accounts' Name and Phone, in order (sObject Collections retrieve). */
async function readAccounts(ctx: TestContext, ids: string[]) {
  const response = await sandboxCall(ctx, "POST", "/composite/sobjects/Account", {
    ids,
    fields: ["Id", "Name", "Phone"],
  });
  const records = (await response.json()) as ({ Name?: string; Phone?: string } | null)[];
  assert.equal(response.status, 200, JSON.stringify(records));
  return records;
}
