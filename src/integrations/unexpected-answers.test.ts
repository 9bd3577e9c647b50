import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import { FakeCrmServer, MALFORMED_ANSWERS } from "../testing/fake-crm-server.ts";
import { describeOnEachBackend, type TestAccount, type TestContext } from "../testing/test-app.ts";
import type { CrmName } from "./crm-connection.ts";

/**
 * A configured connection whose base URL answers with something that is not
 * the CRM's answer: every route that asks a CRM gives a 502 in the Fusebill
 * envelope and changes nothing, for all three CRMs.
 */
interface LatchRoute {
  crm: CrmName;
  label: string;
  name: string;
  /** The request to our API for customer `id`. */
  request(id: number): { url: string; payload: object };
  /** The customer's link to this CRM, which must stay unset. */
  link: "hubSpotId" | "salesforceId" | "netsuiteId";
}

const ROUTES: LatchRoute[] = [
  {
    crm: "hubspot",
    label: "HubSpot",
    name: "POST /v1/HubSpot/latchCustomer",
    request: (id) => ({ url: "/v1/HubSpot/latchCustomer", payload: { fusebillId: id, hubSpotId: 101 } }),
    link: "hubSpotId",
  },
  {
    crm: "salesforce",
    label: "Salesforce",
    name: "POST /v1/Salesforce/Latch",
    request: (id) => ({
      url: "/v1/Salesforce/Latch",
      payload: { fusebillId: id, salesforceId: "0014100000JJ3wtAAD" },
    }),
    link: "salesforceId",
  },
  {
    crm: "netsuite",
    label: "NetSuite",
    name: "POST /v1/NetSuite/LatchCustomer",
    request: (id) => ({
      url: "/v1/NetSuite/LatchCustomer",
      payload: { fusebillId: id, netsuiteId: "1744203" },
    }),
    link: "netsuiteId",
  },
  {
    crm: "netsuite",
    label: "NetSuite",
    name: "POST /v1/Netsuite/EnableSynch/{id} with a netsuiteId",
    request: (id) => ({ url: `/v1/Netsuite/EnableSynch/${id}`, payload: { netsuiteId: "1744203" } }),
    link: "netsuiteId",
  },
];

const SALESFORCE_TOKEN_PATH = "/services/oauth2/token";

describeOnEachBackend("CRM answers that are not the CRM's", (ctx) => {
  let fake: FakeCrmServer;
  let connections = 0;
  before(async () => {
    // a PGlite opened from the test template spins at close if it never ran a query
    await sql`select 1`.execute(ctx.db);
    fake = await FakeCrmServer.start();
  });
  after(() => fake.close());

  /** Points the account's connection at the fake CRM; a new Salesforce client each time, so no token is cached. */
  async function connect(account: TestAccount, crm: CrmName): Promise<void> {
    connections += 1;
    const credentials = {
      hubspot: { accessToken: "pat-na1-unexpected" },
      salesforce: { instanceUrl: fake.baseUrl, clientId: `client-${connections}`, clientSecret: "secret" },
      netsuite: {
        accountId: "123",
        consumerKey: "ck",
        consumerSecret: "cs",
        tokenId: "t",
        tokenSecret: "ts",
      },
    }[crm];
    const put = await ctx.app.inject({
      method: "PUT",
      url: `/v1/integrations/${crm}`,
      headers: account.headers,
      payload: { baseUrl: fake.baseUrl, credentials, settings: { timeoutMs: 5_000 } },
    });
    assert.equal(put.statusCode, 200, put.body);
  }

  async function newCustomer(account: TestAccount): Promise<number> {
    const row = await ctx.db
      .insertInto("customers")
      .values({ accountId: account.accountId, currency: "USD", firstName: "Ann" })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async function assertRefused502(route: LatchRoute, account: TestAccount, id: number, context: string) {
    const before = fake.requests.length;
    const { url, payload } = route.request(id);
    const r = await ctx.app.inject({ method: "POST", url, headers: account.headers, payload });
    assert.equal(r.statusCode, 502, `${context}: ${r.body}`);
    const body = r.json();
    assert.equal(body.HttpStatusCode, 502, `${context}: ${r.body}`);
    assert.equal(body.ErrorId, 0, `${context}: ${r.body}`);
    assert.ok(
      String(body.Errors?.[0]?.Value).startsWith(`${route.label} could not be reached (`),
      `${context}: ${r.body}`,
    );
    assert.ok(fake.requests.length > before, `${context}: the fake CRM was not asked; ${r.body}`);
    await assertNotLatched(ctx, route, id, `${context}: ${r.body}`);
  }

  for (const route of ROUTES) {
    test(`${route.name} answers 502 for every answer that is not ${route.label}'s, and latches nothing`, async () => {
      const account = await ctx.newAccount();
      const id = await newCustomer(account);
      for (const { name, answer } of MALFORMED_ANSWERS) {
        await connect(account, route.crm);
        // Salesforce's token grant succeeds: the Account lookup gets the malformed answer
        fake.answer = (request) =>
          request.path.endsWith(SALESFORCE_TOKEN_PATH)
            ? { status: 200, body: JSON.stringify({ access_token: "token", instance_url: fake.baseUrl }) }
            : answer;
        await assertRefused502(route, account, id, name);
      }
    });
  }

  test("Salesforce's token grant answered with something that is not Salesforce's is a 502 too", async () => {
    const route = ROUTES[1] as LatchRoute;
    const account = await ctx.newAccount();
    const id = await newCustomer(account);
    for (const { name, answer } of MALFORMED_ANSWERS) {
      await connect(account, "salesforce");
      fake.answer = () => answer;
      await assertRefused502(route, account, id, `token ${name}`);
    }
  });
});

async function assertNotLatched(ctx: TestContext, route: LatchRoute, id: number, context: string) {
  const row = await ctx.db
    .selectFrom("customers")
    .select([route.link, "netsuiteSynchStatus"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  assert.equal(row[route.link], null, `${context}: latched anyway`);
  assert.equal(row.netsuiteSynchStatus, null, `${context}: the synch status changed`);
}
