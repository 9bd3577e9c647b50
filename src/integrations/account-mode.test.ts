import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { before, test } from "node:test";
import { sql } from "kysely";
import { setAccountMode } from "../accounts/account-service.ts";
import { messages } from "../errors/messages.ts";
import { describeOnEachBackend, type TestAccount } from "../testing/test-app.ts";
import { getCrmConnection } from "./crm-connection.ts";

const secretKey = randomBytes(32);

describeOnEachBackend(
  "Test and live accounts",
  (ctx) => {
    let self = "";
    before(async () => {
      // a PGlite opened from the test template spins at close if it never ran a query
      await sql`select 1`.execute(ctx.db);
      self = await ctx.app.listen({ port: 0, host: "127.0.0.1" });
    });

    async function newCustomer(account: TestAccount): Promise<number> {
      const row = await ctx.db
        .insertInto("customers")
        .values({ accountId: account.accountId, currency: "USD", firstName: "John", lastName: "Doe" })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    }

    async function sandboxRequests(crm: string): Promise<number> {
      const stats = await ctx.app.inject({ method: "GET", url: `/sandbox/${crm}/_stats` });
      assert.equal(stats.statusCode, 200, stats.body);
      return stats.json().requests;
    }

    function latch(account: TestAccount, customerId: number) {
      return ctx.app.inject({
        method: "POST",
        url: "/v1/HubSpot/latchCustomer",
        headers: account.headers,
        payload: { fusebillId: customerId, hubSpotId: 101 },
      });
    }

    function putHubSpot(account: TestAccount, baseUrl: string) {
      return ctx.app.inject({
        method: "PUT",
        url: "/v1/integrations/hubspot",
        headers: account.headers,
        payload: { baseUrl, credentials: { accessToken: "pat-na1-x" } },
      });
    }

    test("an account created without a mode is a test account, and the database refuses other modes", async () => {
      const row = await ctx.db
        .insertInto("accounts")
        .values({ name: "no mode given" })
        .returning("mode")
        .executeTakeFirstOrThrow();
      assert.equal(row.mode, "test");
      await assert.rejects(
        sql`insert into accounts (name, mode) values ('bad', 'staging')`.execute(ctx.db),
        /accounts_mode_check/,
      );
    });

    test("a live account's latch without a connection is a 400 saying how to configure one, and never reaches the sandbox", async () => {
      const account = await ctx.newAccount("USD", "live");
      const customerId = await newCustomer(account);
      const before = await sandboxRequests("hubspot");
      const netsuiteBefore = await sandboxRequests("netsuite");
      const r = await latch(account, customerId);
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(r.json().Errors[0].Value, messages.crmNotConnectedLive("HubSpot", "hubspot"), r.body);
      assert.equal(r.headers["latchwork-mode"], "live", JSON.stringify(r.headers));
      assert.equal(await sandboxRequests("hubspot"), before, "the sandbox was called");

      const enable = await ctx.app.inject({
        method: "POST",
        url: `/v1/Netsuite/EnableSynch/${customerId}`,
        headers: account.headers,
        payload: { netsuiteId: "1001" },
      });
      assert.equal(enable.statusCode, 400, enable.body);
      assert.equal(
        enable.json().Errors[0].Value,
        messages.crmNotConnectedLive("NetSuite", "netsuite"),
        enable.body,
      );
      assert.equal(await sandboxRequests("netsuite"), netsuiteBefore, "the NetSuite sandbox was called");
    });

    test("a test account without a connection still latches to its sandbox, and says it is in test mode", async () => {
      const account = await ctx.newAccount();
      const customerId = await newCustomer(account);
      const before = await sandboxRequests("hubspot");
      const r = await latch(account, customerId);
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().hubSpotId, 101, r.body);
      assert.equal(r.headers["latchwork-mode"], "test", JSON.stringify(r.headers));
      assert.ok((await sandboxRequests("hubspot")) > before, "the sandbox was not called");
    });

    test("the Latchwork-Mode header is on the CRM and sync routes, not on the customer routes", async () => {
      const account = await ctx.newAccount("USD", "live");
      const customerId = await newCustomer(account);
      for (const url of ["/v1/integrations/salesforce", "/v1/sync", `/v1/customers/${customerId}/sync`]) {
        const r = await ctx.app.inject({ method: "GET", url, headers: account.headers });
        assert.equal(r.statusCode, 200, `${url}: ${r.body}`);
        assert.equal(r.headers["latchwork-mode"], "live", `${url}: ${JSON.stringify(r.headers)}`);
      }
      const customer = await ctx.app.inject({
        method: "GET",
        url: `/v1/customers/${customerId}`,
        headers: account.headers,
      });
      assert.equal(customer.statusCode, 200, customer.body);
      assert.equal(customer.headers["latchwork-mode"], undefined, JSON.stringify(customer.headers));
    });

    test("GET /v1/integrations/{crm} shows the mode; a live account has no sandbox to fall back to", async () => {
      const live = await ctx.newAccount("USD", "live");
      const r = await ctx.app.inject({
        method: "GET",
        url: "/v1/integrations/hubspot",
        headers: live.headers,
      });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().mode, "live", r.body);
      assert.equal(r.json().source, "none", r.body);
      assert.equal(r.json().baseUrl, null, r.body);

      const test = await ctx.newAccount();
      const t = await ctx.app.inject({
        method: "GET",
        url: "/v1/integrations/hubspot",
        headers: test.headers,
      });
      assert.equal(t.json().mode, "test", t.body);
      assert.equal(t.json().source, "sandbox", t.body);
    });

    test("a live account may not point a connection at loopback, private or non-https URLs", async () => {
      const account = await ctx.newAccount("USD", "live");
      const refused: [string, RegExp][] = [
        [`${self}/sandbox/hubspot`, /it is not an https URL/],
        ["https://127.0.0.1:8443", /its host 127\.0\.0\.1 is in the loopback range/],
        ["https://10.0.0.1", /its host 10\.0\.0\.1 is in the private range/],
        ["https://localhost", /its host localhost resolves to (127\.0\.0\.1|::1), in the loopback range/],
        ["https://[::ffff:127.0.0.1]", /in the loopback range/],
        ["https://2130706433", /its host 127\.0\.0\.1 is in the loopback range/],
        ["http://example.com", /it is not an https URL/],
      ];
      for (const [baseUrl, reason] of refused) {
        const r = await putHubSpot(account, baseUrl);
        assert.equal(r.statusCode, 400, `${baseUrl}: ${r.body}`);
        const text = r.json().Errors[0].Value as string;
        assert.match(text, /^baseUrl '.*' is not allowed for a live account: /, `${baseUrl}: ${r.body}`);
        assert.match(text, reason, `${baseUrl}: ${r.body}`);
      }
      const salesforce = await ctx.app.inject({
        method: "PUT",
        url: "/v1/integrations/salesforce",
        headers: account.headers,
        payload: {
          baseUrl: "https://allowed.example:8443",
          credentials: { instanceUrl: "https://192.168.1.10", clientId: "a", clientSecret: "b" },
        },
      });
      assert.equal(salesforce.statusCode, 400, salesforce.body);
      assert.match(salesforce.body, /credentials\.instanceUrl 'https:\/\/192\.168\.1\.10' is not allowed/);
      const get = await ctx.app.inject({
        method: "GET",
        url: "/v1/integrations/hubspot",
        headers: account.headers,
      });
      assert.equal(get.json().source, "none", `nothing was stored: ${get.body}`);
    });

    test("a live account may use a host of LATCHWORK_OUTBOUND_ALLOW; a test account may use loopback", async () => {
      const live = await ctx.newAccount("USD", "live");
      const allowed = await putHubSpot(live, "http://allowed.example:8443/hubspot");
      assert.equal(allowed.statusCode, 200, allowed.body);
      assert.equal(allowed.json().mode, "live", allowed.body);
      const otherPort = await putHubSpot(live, "http://allowed.example:9000");
      assert.equal(otherPort.statusCode, 400, `the entry names port 8443 only: ${otherPort.body}`);

      const test = await ctx.newAccount();
      const loopback = await putHubSpot(test, `${self}/sandbox/hubspot`);
      assert.equal(loopback.statusCode, 200, loopback.body);
      assert.equal(loopback.json().source, "configured", loopback.body);
    });

    test("a test account switched to live stops using its loopback connection and its sandbox, for latches and the sync worker", async () => {
      const account = await ctx.newAccount();
      const put = await putHubSpot(account, `${self}/sandbox/hubspot`);
      assert.equal(put.statusCode, 200, put.body);
      await setAccountMode(ctx.db, account.accountId, "live");
      const customerId = await newCustomer(account);
      const before = await sandboxRequests("hubspot");
      const r = await latch(account, customerId);
      assert.equal(r.statusCode, 400, r.body);
      assert.match(
        r.body,
        /baseUrl 'http:\/\/127\.0\.0\.1:\d+\/sandbox\/hubspot' is not allowed for a live account/,
      );
      assert.equal(await sandboxRequests("hubspot"), before, "the sandbox was called");

      // the sync worker resolves its pushes' connections with getCrmConnection: its pushes wait as retries
      const deps = { db: ctx.db, secretKey, selfUrl: () => self };
      await assert.rejects(
        getCrmConnection(deps, account.accountId, "hubspot"),
        /not allowed for a live account/,
      );
      await assert.rejects(
        getCrmConnection(deps, account.accountId, "netsuite"),
        (error: Error) => error.message === messages.crmNotConnectedLive("NetSuite", "netsuite"),
      );
    });
  },
  { secretKey, outboundAllow: ["allowed.example:8443"] },
);
