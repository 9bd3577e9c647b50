import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { before, test } from "node:test";
import { pino } from "pino";
import { findCustomer } from "../customers/customer-repository.ts";
import { loggerOptions } from "../http/logger-options.ts";
import { selfUrl } from "../testing/integration-test-kit.ts";
import { describeOnEachBackend, type TestAccount } from "../testing/test-app.ts";
import type { CrmConnection } from "./crm-connection.ts";
import { createNetsuitePusher } from "./netsuite/netsuite-pusher.ts";

/** Collects every JSON line a logger writes. */
class LogCapture extends Writable {
  text = "";
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
  crmCalls(): Record<string, unknown>[] {
    return this.text
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.msg === "CRM call");
  }
}

const CREDENTIALS = {
  hubspot: { accessToken: "pat-na1-debug-log-0000-secret" },
  salesforce: { clientId: "3MVG9-debug-log-client", clientSecret: "sf-debug-log-client-secret" },
  netsuite: {
    accountId: "SANDBOX",
    consumerKey: "ns-debug-log-consumer-key",
    consumerSecret: "ns-debug-log-consumer-secret",
    tokenId: "ns-debug-log-token-id",
    tokenSecret: "ns-debug-log-token-secret",
  },
};
/** What must never reach a log line: the credentials, the sandbox's Salesforce tokens, any auth header. */
const SECRETS = [
  ...Object.values(CREDENTIALS).flatMap((fields) =>
    Object.entries(fields)
      .filter(([name]) => name !== "accountId")
      .map(([, value]) => value),
  ),
  "00Dsandbox!",
  "Bearer",
  "oauth_signature",
  "OAuth realm",
];

const capture = new LogCapture();

describeOnEachBackend(
  "CRM calls at LOG_LEVEL=debug",
  (ctx) => {
    let account: TestAccount;
    before(async () => {
      await ctx.app.listen({ port: 0, host: "127.0.0.1" });
      account = await ctx.newAccount();
      for (const [crm, credentials] of Object.entries(CREDENTIALS)) {
        const base = `${selfUrl(ctx)}/sandbox/${crm}`;
        const put = await ctx.app.inject({
          method: "PUT",
          url: `/v1/integrations/${crm}`,
          headers: account.headers,
          payload: {
            baseUrl: base,
            credentials: crm === "salesforce" ? { ...credentials, instanceUrl: base } : credentials,
          },
        });
        assert.equal(put.statusCode, 200, put.body);
      }
    });

    function assertNoSecret(): void {
      for (const secret of [...SECRETS, account.apiKey])
        assert.ok(!capture.text.includes(secret), `${secret} appears in the log:\n${capture.text}`);
    }

    test("each latch logs its CRM calls with method, path, status, duration and the request id, and no secret", async () => {
      capture.text = "";
      const customer = await ctx.db
        .insertInto("customers")
        .values({ accountId: account.accountId, currency: "USD", firstName: "Log" })
        .returning("id")
        .executeTakeFirstOrThrow();
      const latches = [
        {
          crm: "hubspot",
          url: "/v1/HubSpot/latchCustomer",
          payload: { hubSpotId: 101 },
          path: "/contacts/101",
        },
        {
          crm: "salesforce",
          url: "/v1/Salesforce/Latch",
          payload: { salesforceId: "0014100000JJ3wtAAD" },
          path: "/sobjects/Account/0014100000JJ3wtAAD",
        },
        {
          crm: "netsuite",
          url: "/v1/NetSuite/LatchCustomer",
          payload: { netsuiteId: "1744203" },
          path: "/record/v1/customer/1744203",
        },
      ];
      for (const latch of latches) {
        const r = await ctx.app.inject({
          method: "POST",
          url: latch.url,
          headers: account.headers,
          payload: { fusebillId: customer.id, ...latch.payload },
        });
        assert.equal(r.statusCode, 200, r.body);
        const line = capture
          .crmCalls()
          .find((call) => call.crm === latch.crm && String(call.path).endsWith(latch.path));
        assert.ok(line, `${latch.crm}: no CRM call line for ${latch.path}\n${capture.text}`);
        assert.equal(line.level, 20, JSON.stringify(line));
        assert.equal(line.method, "GET", JSON.stringify(line));
        assert.equal(line.status, 200, JSON.stringify(line));
        assert.equal(line.outcome, "ok", JSON.stringify(line));
        assert.equal(line.attempt, 1, JSON.stringify(line));
        assert.equal(typeof line.durationMs, "number", JSON.stringify(line));
        assert.ok((line.durationMs as number) >= 0, JSON.stringify(line));
        assert.equal(line.reqId, r.headers["x-request-id"], JSON.stringify(line));
        // the query string (NetSuite's ?fields=, HubSpot's ?properties=) is left out
        assert.ok(!String(line.path).includes("?"), JSON.stringify(line));
      }
      // Salesforce's token grant is a CRM call too
      assert.ok(
        capture
          .crmCalls()
          .some(
            (call) => call.method === "POST" && call.path === "/sandbox/salesforce/services/oauth2/token",
          ),
        capture.text,
      );
      assertNoSecret();
    });

    test("a CRM's refusal is logged with its status and outcome", async () => {
      capture.text = "";
      const customer = await ctx.db
        .insertInto("customers")
        .values({ accountId: account.accountId, currency: "USD", firstName: "Missing" })
        .returning("id")
        .executeTakeFirstOrThrow();
      const r = await ctx.app.inject({
        method: "POST",
        url: "/v1/HubSpot/latchCustomer",
        headers: account.headers,
        payload: { fusebillId: customer.id, hubSpotId: 999999 },
      });
      assert.equal(r.statusCode, 400, r.body);
      const line = capture.crmCalls().find((call) => call.crm === "hubspot");
      assert.ok(line, capture.text);
      assert.deepEqual([line.status, line.outcome], [404, "http-error"], JSON.stringify(line));
      assertNoSecret();
    });

    test("a sync push logs its CRM calls through the logger of the worker's deps", async () => {
      capture.text = "";
      // an account of its own: the latch above holds NetSuite customer 1744203 in the first one
      const pushing = await ctx.newAccount();
      const row = await ctx.db
        .insertInto("customers")
        .values({
          accountId: pushing.accountId,
          currency: "USD",
          companyName: "Pushed",
          netsuiteId: "1744203",
          netsuiteSynchStatus: "Enabled",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const customer = await findCustomer(ctx.db, pushing.accountId, row.id);
      assert.ok(customer);
      const logger = pino(loggerOptions("debug"), capture);
      const pusher = createNetsuitePusher({ db: ctx.db, selfUrl: () => selfUrl(ctx), logger });
      const connection: CrmConnection = {
        crm: "netsuite",
        baseUrl: `${selfUrl(ctx)}/sandbox/netsuite`,
        credentials: CREDENTIALS.netsuite,
        settings: {},
      };
      const item = {
        id: row.id,
        accountId: pushing.accountId,
        customerId: row.id,
        crm: "netsuite",
        version: 1,
        attempts: 0,
      };
      const outcomes = await pusher.push(connection, [{ item, customer }]);
      assert.deepEqual(outcomes, [{ status: "pushed" }], JSON.stringify(outcomes));
      const line = capture.crmCalls().find((call) => call.method === "PATCH");
      assert.ok(line, capture.text);
      assert.deepEqual(
        [line.crm, line.path, line.status, line.outcome],
        ["netsuite", "/sandbox/netsuite/services/rest/record/v1/customer/1744203", 204, "ok"],
        JSON.stringify(line),
      );
      assertNoSecret();
    });
  },
  { logger: { ...loggerOptions("debug"), stream: capture } },
);
