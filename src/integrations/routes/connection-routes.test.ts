import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { before, test } from "node:test";
import { describeOnEachBackend } from "../../testing/test-app.ts";
import { getCrmConnection } from "../crm-connection.ts";

const secretKey = randomBytes(32);
const token = "pat-na1-11111111-2222-3333-4444-555555555555";

describeOnEachBackend(
  "CRM connections API",
  (ctx) => {
    before(async () => {
      await ctx.app.listen({ port: 0, host: "127.0.0.1" });
    });
    const deps = () => ({
      db: ctx.db,
      secretKey,
      selfUrl: () => `http://127.0.0.1:${(ctx.app.server.address() as { port: number }).port}`,
    });

    test("an account without a connection talks to the built-in sandbox", async () => {
      const account = await ctx.newAccount();
      const r = await ctx.app.inject({
        method: "GET",
        url: "/v1/integrations/hubspot",
        headers: account.headers,
      });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().source, "sandbox", r.body);
      assert.match(r.json().baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/sandbox\/hubspot$/, r.body);
    });

    test("PUT stores the sync settings of a connection and rejects out-of-range ones", async () => {
      const account = await ctx.newAccount();
      const settings = {
        rateLimit: { requests: 190, perMs: 10_000 },
        apiUsageShare: 0.5,
        apiVersion: "v61.0",
        fusebillIdField: "Fusebill_Id__c",
        concurrency: 3,
      };
      const put = await ctx.app.inject({
        method: "PUT",
        url: "/v1/integrations/salesforce",
        headers: account.headers,
        payload: {
          credentials: { instanceUrl: "https://example.my.salesforce.com", clientId: "a", clientSecret: "b" },
          settings,
        },
      });
      assert.equal(put.statusCode, 200, put.body);
      const get = await ctx.app.inject({
        method: "GET",
        url: "/v1/integrations/salesforce",
        headers: account.headers,
      });
      assert.deepEqual(get.json().settings, settings, get.body);

      const bad = await ctx.app.inject({
        method: "PUT",
        url: "/v1/integrations/salesforce",
        headers: account.headers,
        payload: { credentials: { clientId: "a" }, settings: { apiUsageShare: 2 } },
      });
      assert.equal(bad.statusCode, 400, bad.body);
      assert.equal(bad.json().Errors[0].Value, "settings.apiUsageShare must be at most 1.", bad.body);
    });

    test("PUT stores the credentials encrypted and GET never returns them", async () => {
      const account = await ctx.newAccount();
      const put = await ctx.app.inject({
        method: "PUT",
        url: "/v1/integrations/HubSpot",
        headers: account.headers,
        payload: `{credentials:{accesstoken:'${token}'},settings:{timeoutMs:2000}}`,
      });
      assert.equal(put.statusCode, 200, put.body);
      assert.equal(put.json().source, "configured", put.body);
      assert.equal(put.json().baseUrl, "https://api.hubapi.com", put.body);
      assert.ok(!put.body.includes(token), put.body);
      const get = await ctx.app.inject({
        method: "GET",
        url: "/v1/integrations/hubspot",
        headers: account.headers,
      });
      assert.equal(get.statusCode, 200, get.body);
      assert.deepEqual(get.json().credentialFields, ["accessToken"], get.body);
      assert.deepEqual(get.json().settings, { timeoutMs: 2000 }, get.body);
      assert.ok(!get.body.includes(token), get.body);

      const row = await ctx.db
        .selectFrom("crmConnections")
        .selectAll()
        .where("accountId", "=", account.accountId)
        .executeTakeFirstOrThrow();
      assert.ok(!row.credentialsEncrypted.includes(token), row.credentialsEncrypted);
      const connection = await getCrmConnection(deps(), account.accountId, "hubspot");
      assert.equal(connection.credentials.accessToken, token, JSON.stringify(connection.settings));
      assert.equal(connection.baseUrl, "https://api.hubapi.com", connection.baseUrl);
    });

    test("credentials stored for one account do not decrypt for another", async () => {
      const owner = await ctx.newAccount();
      const other = await ctx.newAccount();
      const put = await ctx.app.inject({
        method: "PUT",
        url: "/v1/integrations/hubspot",
        headers: owner.headers,
        payload: { credentials: { accessToken: token } },
      });
      assert.equal(put.statusCode, 200, put.body);
      const row = await ctx.db
        .selectFrom("crmConnections")
        .selectAll()
        .where("accountId", "=", owner.accountId)
        .executeTakeFirstOrThrow();
      await ctx.db
        .insertInto("crmConnections")
        .values({ ...row, accountId: other.accountId, settings: "{}" })
        .execute();
      await assert.rejects(getCrmConnection(deps(), other.accountId, "hubspot"), /cannot be decrypted/);
    });

    test("a connection missing a credential its CRM needs is refused with the field named", async () => {
      const account = await ctx.newAccount();
      const r = await ctx.app.inject({
        method: "PUT",
        url: "/v1/integrations/netsuite",
        headers: account.headers,
        payload: {
          credentials: { accountId: "1234567_SB1", consumerKey: "k", consumerSecret: "s", tokenId: "t" },
        },
      });
      assert.equal(r.statusCode, 400, r.body);
      assert.match(r.json().Errors[0].Value, /credentials\.tokenSecret is required for NetSuite/, r.body);
    });

    test("NetSuite and Salesforce connections default their base URL from the credentials", async () => {
      const account = await ctx.newAccount();
      const netsuite = await ctx.app.inject({
        method: "PUT",
        url: "/v1/integrations/netsuite",
        headers: account.headers,
        payload: {
          credentials: {
            accountId: "1234567_SB1",
            consumerKey: "k",
            consumerSecret: "s",
            tokenId: "t",
            tokenSecret: "u",
          },
        },
      });
      assert.equal(netsuite.statusCode, 200, netsuite.body);
      assert.equal(netsuite.json().baseUrl, "https://1234567-sb1.suitetalk.api.netsuite.com", netsuite.body);
      const salesforce = await ctx.app.inject({
        method: "PUT",
        url: "/v1/integrations/salesforce",
        headers: account.headers,
        payload: {
          credentials: { instanceUrl: "https://acme.my.salesforce.com/", clientId: "c", clientSecret: "s" },
        },
      });
      assert.equal(salesforce.statusCode, 200, salesforce.body);
      assert.equal(salesforce.json().baseUrl, "https://acme.my.salesforce.com", salesforce.body);
    });

    test("DELETE forgets the connection and the account is back on the sandbox", async () => {
      const account = await ctx.newAccount();
      const put = await ctx.app.inject({
        method: "PUT",
        url: "/v1/integrations/hubspot",
        headers: account.headers,
        payload: { baseUrl: "https://example.test/hubspot", credentials: { accessToken: token } },
      });
      assert.equal(put.statusCode, 200, put.body);
      const r = await ctx.app.inject({
        method: "DELETE",
        url: "/v1/integrations/hubspot",
        headers: account.headers,
      });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().source, "sandbox", r.body);
      const connection = await getCrmConnection(deps(), account.accountId, "hubspot");
      assert.equal(connection.settings.sandbox, true, JSON.stringify(connection));
    });

    test("an unknown CRM name is a 404", async () => {
      const account = await ctx.newAccount();
      const r = await ctx.app.inject({
        method: "GET",
        url: "/v1/integrations/zoho",
        headers: account.headers,
      });
      assert.equal(r.statusCode, 404, r.body);
      assert.match(r.json().Errors[0].Value, /no CRM integration named 'zoho'/, r.body);
    });
  },
  { secretKey },
);

describeOnEachBackend(
  "CRM connections with the sandboxes off",
  (ctx) => {
    test("an unconfigured CRM has no connection and latching needs one", async () => {
      const account = await ctx.newAccount();
      const r = await ctx.app.inject({
        method: "GET",
        url: "/v1/integrations/salesforce",
        headers: account.headers,
      });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().source, "none", r.body);
      await assert.rejects(
        getCrmConnection(
          { db: ctx.db, sandbox: false, selfUrl: () => "http://unused" },
          account.accountId,
          "hubspot",
        ),
        /HubSpot is not connected for this account/,
      );
    });

    test("no sandbox routes are served", async () => {
      const r = await ctx.app.inject({ method: "GET", url: "/sandbox/hubspot/crm/v3/objects/contacts/101" });
      assert.equal(r.statusCode, 404, r.body);
    });
  },
  { secretKey, sandbox: false },
);
