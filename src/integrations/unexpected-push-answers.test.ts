import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import { findCustomer } from "../customers/customer-repository.ts";
import { FakeCrmServer, MALFORMED_ANSWERS } from "../testing/fake-crm-server.ts";
import { describeOnEachBackend } from "../testing/test-app.ts";
import type { CrmConnection, CrmName, IntegrationDeps } from "./crm-connection.ts";
import type { CrmPusher, PushTarget } from "./crm-pusher.ts";
import { createHubSpotPusher } from "./hubspot/hubspot-pusher.ts";
import { createNetsuitePusher } from "./netsuite/netsuite-pusher.ts";
import { createSalesforcePusher } from "./salesforce/salesforce-pusher.ts";

/**
 * The sync side of answers that are not the CRM's: each pusher turns every
 * one of them into a retry with an error that says what came back, never a
 * "pushed" (the record may not have been written) and never an exception.
 */
const PUSHERS: { crm: CrmName; create(deps: IntegrationDeps): CrmPusher }[] = [
  { crm: "hubspot", create: (deps) => createHubSpotPusher(deps) },
  { crm: "salesforce", create: (deps) => createSalesforcePusher(deps) },
  { crm: "netsuite", create: (deps) => createNetsuitePusher(deps) },
];

describeOnEachBackend("sync pushes meeting answers that are not the CRM's", (ctx) => {
  let fake: FakeCrmServer;
  before(async () => {
    await sql`select 1`.execute(ctx.db);
    fake = await FakeCrmServer.start();
  });
  after(() => fake.close());

  function connection(crm: CrmName, name: string): CrmConnection {
    const credentials: Record<CrmName, Record<string, string>> = {
      // a token per case: HubSpot's rate-limit bucket is per token
      hubspot: { accessToken: `pat-${name}` },
      salesforce: { instanceUrl: fake.baseUrl, clientId: "pusher-client", clientSecret: "secret" },
      netsuite: {
        accountId: "123",
        consumerKey: "ck",
        consumerSecret: "cs",
        tokenId: "t",
        tokenSecret: "ts",
      },
    };
    return { crm, baseUrl: fake.baseUrl, credentials: credentials[crm], settings: {} };
  }

  /** Two customers latched to every CRM with sync enabled, as the worker would load them. */
  async function targets(): Promise<PushTarget[]> {
    const account = await ctx.newAccount();
    const rows = await ctx.db
      .insertInto("customers")
      .values(
        [1, 2].map((n) => ({
          accountId: account.accountId,
          currency: "USD",
          companyName: `Company ${n}`,
          hubSpotId: 100 + n,
          hubSpotCompanyId: 200 + n,
          salesforceId: n === 1 ? "0014100000JJ3wtAAD" : "0014100000JJ3wuAAD",
          salesforceSynchStatus: "Enabled",
          netsuiteId: String(1000 + n),
          netsuiteSynchStatus: "Enabled",
        })),
      )
      .returning("id")
      .execute();
    const result: PushTarget[] = [];
    for (const { id } of rows) {
      const customer = await findCustomer(ctx.db, account.accountId, id);
      assert.ok(customer, `customer ${id}`);
      const item = { id, accountId: account.accountId, customerId: id, crm: "", version: 1, attempts: 0 };
      result.push({ item, customer });
    }
    return result;
  }

  for (const { crm, create } of PUSHERS) {
    test(`the ${crm} pusher retries every answer that is not ${crm}'s, with an error saying what came back`, async () => {
      const deps = { db: ctx.db, selfUrl: () => fake.baseUrl, crmTimeoutMs: 5_000 };
      const pusher = create(deps);
      const batch = await targets();
      for (const { name, answer } of MALFORMED_ANSWERS) {
        fake.answer = (request) =>
          request.path.endsWith("/services/oauth2/token")
            ? { status: 200, body: JSON.stringify({ access_token: "token", instance_url: fake.baseUrl }) }
            : answer;
        const before = fake.requests.length;
        const outcomes = await pusher.push(connection(crm, name.replace(/\W+/g, "-")), batch);
        const context = `${name}: ${JSON.stringify(outcomes)}`;
        assert.ok(fake.requests.length > before, `${context}: the fake CRM was not asked`);
        assert.equal(outcomes.length, batch.length, context);
        for (const outcome of outcomes) {
          assert.equal(outcome.status, "retry", context);
          const error = "error" in outcome ? outcome.error : "";
          assert.match(error, /push failed: /, context);
          if (answer.status < 300)
            assert.match(error, /unexpected answer: HTTP 20\d|HTTP 202\.|no result for this record/, context);
          else assert.match(error, /418/, context);
        }
      }
    });
  }
});
