import assert from "node:assert/strict";
import { before, test } from "node:test";
import { sql } from "kysely";
import { envelope } from "../../src/errors/api-error.ts";
import { messages } from "../../src/errors/messages.ts";
import { createCustomer, getCustomer, post } from "../../src/testing/integration-test-kit.ts";
import { describeOnEachBackend, type TestAccount, type TestContext } from "../../src/testing/test-app.ts";

/** One digest of everything stored for one account: customers with their links, outbox, sync state, connections. */
async function accountChecksum(ctx: TestContext, accountId: number): Promise<string> {
  const result = await sql<{ digest: string }>`
    select md5(
      coalesce((select string_agg(c::text, '|' order by c.id) from customers c where c.account_id = ${accountId}), '') || '#' ||
      coalesce((select string_agg(o::text, '|' order by o.id) from sync_outbox o where o.account_id = ${accountId}), '') || '#' ||
      coalesce((select string_agg(s::text, '|' order by s.customer_id, s.crm) from sync_state s where s.account_id = ${accountId}), '') || '#' ||
      coalesce((select string_agg(x::text, '|' order by x.crm) from crm_connections x where x.account_id = ${accountId}), '')
    ) as digest`.execute(ctx.db);
  return result.rows[0]?.digest ?? "";
}

describeOnEachBackend("Tenants", (ctx) => {
  let a: TestAccount;
  let b: TestAccount;
  let draftA: number;
  let latchedA: number;
  let ownB: number;

  before(async () => {
    await ctx.app.listen({ port: 0, host: "127.0.0.1" });
    a = await ctx.newAccount();
    b = await ctx.newAccount();
    draftA = await createCustomer(ctx, a, { firstName: "Secret", lastName: "Alpha", reference: "tenant-a" });
    latchedA = await createCustomer(ctx, a, {
      firstName: "Latched",
      lastName: "Alpha",
      reference: "tenant-a",
    });
    ownB = await createCustomer(ctx, b, { firstName: "Own", lastName: "Beta" });
    const setup: [string, object][] = [
      [
        "/v1/customerActivation",
        {
          customerId: latchedA,
          activateAllSubscriptions: true,
          activateAllDraftPurchases: true,
          temporarilyDisableAutoPost: false,
        },
      ],
      ["/v1/Salesforce/Latch", { fusebillId: latchedA, salesforceId: "0014100000JJ3wtAAD" }],
      [`/v1/Salesforce/EnableSynch/${latchedA}`, {}],
      ["/v1/NetSuite/LatchCustomer", { fusebillId: latchedA, netsuiteId: "1744203" }],
      [`/v1/Netsuite/EnableSynch/${latchedA}`, {}],
      ["/v1/HubSpot/latchCustomer", { fusebillId: latchedA, hubSpotId: 101, hubSpotCompanyId: 202 }],
    ];
    for (const [url, body] of setup) {
      const answer = await post(ctx, a, url, JSON.stringify(body));
      assert.equal(answer.statusCode, 200, `${url}: ${answer.body}`);
    }
    const connection = await ctx.app.inject({
      method: "PUT",
      url: "/v1/integrations/hubspot",
      headers: a.headers,
      payload: { baseUrl: "http://127.0.0.1:9", credentials: { accessToken: "a-secret" } },
    });
    assert.equal(connection.statusCode, 200, connection.body);
  });

  test("with account B's key, no read, write, status change, latch or sync of account A's customers reaches them: 404", async () => {
    const before = await accountChecksum(ctx, a.accountId);
    const attempts: [string, string, unknown][] = [];
    for (const id of [draftA, latchedA]) {
      attempts.push(
        ["GET", `/v1/customers/${id}`, undefined],
        ["GET", `/v1/customers/${id}/sync`, undefined],
        ["PUT", "/v1/customers", { id, status: "Draft", firstName: "Mallory" }],
        ["PUT", "/v1/customers", { id, status: "Active", firstName: "Mallory" }],
        [
          "POST",
          "/v1/customerActivation",
          {
            customerId: id,
            activateAllSubscriptions: true,
            activateAllDraftPurchases: true,
            temporarilyDisableAutoPost: false,
          },
        ],
        ["POST", `/v1/CustomerHold/${id}`, undefined],
        ["POST", "/v1/customers/unHold", { customerId: id, serviceStartOption: "NoChargesForMissedPeriods" }],
        ["POST", "/v1/customerCancellation", { customerId: id, cancellationOption: "None" }],
        ["POST", `/v1/customers/uncancel/${id}`, undefined],
        [
          "POST",
          "/v1/Salesforce/Latch",
          { fusebillId: id, salesforceId: "0014100000JJ3wtAAD", forceLatch: true },
        ],
        ["POST", `/v1/Salesforce/EnableSynch/${id}`, undefined],
        ["POST", `/v1/Salesforce/DisableSynch/${id}`, undefined],
        ["POST", "/v1/NetSuite/LatchCustomer", { fusebillId: id, netsuiteId: "1744203" }],
        ["POST", "/v1/NetSuite/UnLatchCustomer", { fusebillId: id }],
        ["POST", `/v1/NetSuite/UnLatchCustomer/${id}`, undefined],
        ["POST", `/v1/Netsuite/EnableSynch/${id}`, { netsuiteId: "1744203" }],
        ["POST", `/v1/Netsuite/DisableSynch/${id}`, undefined],
        ["POST", "/v1/HubSpot/latchCustomer", { fusebillId: id, hubSpotId: null, hubSpotCompanyId: null }],
        ["POST", `/v1/HubSpot/UnlatchCustomer/${id}`, undefined],
      );
      for (const [method, url, payload] of attempts) {
        const answer = await ctx.app.inject({
          method: method as "GET",
          url,
          headers: b.headers,
          ...(payload === undefined ? {} : { payload: payload as object }),
        });
        assert.equal(answer.statusCode, 404, `${method} ${url}: ${answer.body}`);
        assert.deepEqual(
          answer.json(),
          envelope(404, messages.customerNotFound(id)),
          `${method} ${url}: ${answer.body}`,
        );
      }
      attempts.length = 0;
    }
    assert.equal(await accountChecksum(ctx, a.accountId), before, "account A's data changed");
  });

  test("account B cannot make account A's customer its parent", async () => {
    const answer = await ctx.app.inject({
      method: "PUT",
      url: "/v1/customers",
      headers: b.headers,
      payload: { id: ownB, status: "Draft", parentId: draftA },
    });
    assert.equal(answer.statusCode, 400, answer.body);
    assert.deepEqual(answer.json(), envelope(400, messages.parentNotFound(draftA)), answer.body);
    assert.equal((await getCustomer(ctx, b, ownB)).parentId, null);
  });

  test("account B's list never shows account A's customers, whatever the query", async () => {
    for (const query of [
      "",
      "?pageSize=1000",
      `?query=id:${draftA}`,
      `?query=id:${draftA}|${latchedA}`,
      "?query=reference:tenant-a",
      "?query=lastName:Alpha",
      "?query=lastName:*",
      "?query=salesforceId:0014100000JJ3wtAAD",
      "?query=netsuiteId:1744203",
      "?sortOrder=Descending&sortExpression=id",
    ]) {
      const answer = await ctx.app.inject({
        method: "GET",
        url: `/v1/customers${query}`,
        headers: b.headers,
      });
      assert.equal(answer.statusCode, 200, `${query}: ${answer.body}`);
      const ids = (answer.json() as { id: number }[]).map((customer) => customer.id);
      assert.ok(!ids.includes(draftA) && !ids.includes(latchedA), `${query}: ${answer.body}`);
      assert.ok(
        Number(answer.headers["x-maxcount"] ?? 0) <= 1,
        `${query}: X-MaxCount ${answer.headers["x-maxcount"]}`,
      );
    }
  });

  test("account B's sync queue, replay and CRM connections are its own", async () => {
    const before = await accountChecksum(ctx, a.accountId);
    const queue = await ctx.app.inject({ method: "GET", url: "/v1/sync", headers: b.headers });
    assert.equal(queue.statusCode, 200, queue.body);
    for (const crm of ["salesforce", "netsuite", "hubspot"]) {
      assert.equal(queue.json()[crm].pending, 0, queue.body);
    }
    const replay = await ctx.app.inject({
      method: "POST",
      url: "/v1/sync/replay",
      headers: b.headers,
      payload: {},
    });
    assert.equal(replay.statusCode, 200, replay.body);
    assert.equal(replay.json().replayed, 0, replay.body);
    const connection = await ctx.app.inject({
      method: "GET",
      url: "/v1/integrations/hubspot",
      headers: b.headers,
    });
    assert.equal(connection.statusCode, 200, connection.body);
    assert.equal(connection.json().source, "sandbox", connection.body);
    assert.ok(!connection.body.includes("127.0.0.1:9"), connection.body);
    const removal = await ctx.app.inject({
      method: "DELETE",
      url: "/v1/integrations/hubspot",
      headers: b.headers,
    });
    assert.ok(removal.statusCode < 300, removal.body);
    assert.equal(await accountChecksum(ctx, a.accountId), before, "account A's data changed");
    const own = await ctx.app.inject({ method: "GET", url: "/v1/integrations/hubspot", headers: a.headers });
    assert.equal(own.json().source, "configured", own.body);
  });
});
