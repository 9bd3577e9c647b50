import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { before, test } from "node:test";
import { sql } from "kysely";
import { messages } from "../../../errors/messages.ts";
import { describeOnEachBackend, type TestAccount } from "../../../testing/test-app.ts";

/** Spec page 004's request bodies, verbatim (shared/spec/examples.json): curl, C#, Python, payload block. */
const PAGE_004_BODIES = [
  {
    client: "curl",
    body: "{fusebillId:123456789,hubSpotId:101,hubSpotCompanyId:202}",
    customerId: 123456789,
  },
  { client: "csharp", body: "{fusebillId:1234567,hubSpotId:101,hubSpotCompanyId: 202}", customerId: 1234567 },
  {
    client: "python",
    body: '{"fusebillId": 123456, "hubSpotId": 101, "hubSpotCompanyId": 202}',
    customerId: 123456,
  },
  {
    client: "payload block",
    body: '{\n    "fusebillid": 1234567,\n    "hubSpotId": 101,\n    "hubSpotCompanyId": 202\n}',
    customerId: 1234567,
  },
];

describeOnEachBackend(
  "POST /v1/HubSpot/latchCustomer and UnlatchCustomer",
  (ctx) => {
    let self = "";
    before(async () => {
      // a PGlite opened from the test template spins at close if it never ran a query
      await sql`select 1`.execute(ctx.db);
      self = await ctx.app.listen({ port: 0, host: "127.0.0.1" });
    });

    /** Over real HTTP: the latch calls the sandbox HubSpot of this same process. */
    async function post(path: string, account: TestAccount, body?: string | object) {
      const response = await fetch(`${self}${path}`, {
        method: "POST",
        headers: account.headers,
        body: body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, text, json: () => JSON.parse(text) };
    }

    async function newCustomer(account: TestAccount, id?: number): Promise<number> {
      const row = await ctx.db
        .insertInto("customers")
        .values({
          ...(id ? { id } : {}),
          accountId: account.accountId,
          currency: "USD",
          firstName: "John",
          lastName: "Doe",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    }

    async function links(id: number) {
      return ctx.db
        .selectFrom("customers")
        .select(["hubSpotId", "hubSpotCompanyId"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
    }

    /**
     * Connects the account to the sandbox through our API with a token of its
     * own and a short timeout, then makes the sandbox fail for that token.
     */
    async function connectFaultySandbox(account: TestAccount, kind: string) {
      const token = `faulty-${account.accountId}`;
      const put = await ctx.app.inject({
        method: "PUT",
        url: "/v1/integrations/hubspot",
        headers: account.headers,
        payload: {
          baseUrl: `${self}/sandbox/hubspot`,
          credentials: { accessToken: token },
          settings: { timeoutMs: 500 },
        },
      });
      assert.equal(put.statusCode, 200, put.body);
      const response = await fetch(`${self}/sandbox/hubspot/_faults`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ kind, count: 2, token }),
      });
      assert.equal(response.status, 201, await response.text());
    }

    async function createSandboxContact(): Promise<string> {
      const response = await fetch(`${self}/sandbox/hubspot/crm/v3/objects/contacts`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Bearer test" },
        body: JSON.stringify({ properties: { firstname: "Merge" } }),
      });
      const text = await response.text();
      assert.equal(response.status, 201, text);
      return JSON.parse(text).id;
    }

    test("every request example of page 004 latches its customer to contact 101 and company 202", async () => {
      const account = await ctx.newAccount();
      for (const id of new Set(PAGE_004_BODIES.map((example) => example.customerId)))
        await newCustomer(account, id);
      for (const example of PAGE_004_BODIES) {
        const r = await post("/v1/HubSpot/latchCustomer", account, example.body);
        assert.equal(r.status, 200, `${example.client}: ${r.text}`);
        const customer = r.json();
        assert.deepEqual(
          [customer.id, customer.hubSpotId, customer.hubSpotCompanyId, customer.firstName],
          [example.customerId, 101, 202, "John"],
          `${example.client}: ${r.text}`,
        );
        assert.match(customer.uri, new RegExp(`/v1/customers/${example.customerId}$`), r.text);
        // one customer per contact: free 101 and 202 for the next example
        const unlatched = await post(`/v1/HubSpot/UnlatchCustomer/${example.customerId}`, account);
        assert.equal(unlatched.status, 200, unlatched.text);
        assert.deepEqual(
          [unlatched.json().hubSpotId, unlatched.json().hubSpotCompanyId],
          [null, null],
          unlatched.text,
        );
      }
    });

    test("a contact HubSpot does not have is page 004's verbatim 400 and latches nothing", async () => {
      const account = await ctx.newAccount();
      const id = await newCustomer(account);
      const r = await post("/v1/HubSpot/latchCustomer", account, {
        fusebillId: id,
        hubSpotId: 999999,
        hubSpotCompanyId: 202,
      });
      assert.equal(r.status, 400, r.text);
      assert.deepEqual(
        r.json(),
        {
          ErrorId: 0,
          HttpStatusCode: 400,
          Errors: [
            {
              Key: "Api Error",
              Value: "The was an error getting the contact from HubSpot: resource not found",
            },
          ],
        },
        r.text,
      );
      assert.deepEqual(await links(id), { hubSpotId: null, hubSpotCompanyId: null }, r.text);
    });

    test("a company HubSpot does not have is a 400 that names it", async () => {
      const account = await ctx.newAccount();
      const id = await newCustomer(account);
      const r = await post("/v1/HubSpot/latchCustomer", account, {
        fusebillId: id,
        hubSpotCompanyId: 777777,
      });
      assert.equal(r.status, 400, r.text);
      assert.equal(r.json().Errors[0].Value, messages.hubSpotCompanyMissing(777777), r.text);
    });

    test("null removes a mapping and a key not sent leaves it", async () => {
      const account = await ctx.newAccount();
      const id = await newCustomer(account);
      const latched = await post(
        "/v1/HubSpot/latchCustomer",
        account,
        `{fusebillId:${id},hubSpotId:101,hubSpotCompanyId:202}`,
      );
      assert.equal(latched.status, 200, latched.text);
      const r = await post("/v1/HubSpot/latchCustomer", account, `{fusebillId:${id},hubSpotId:null}`);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual([r.json().hubSpotId, r.json().hubSpotCompanyId], [null, 202], r.text);
    });

    test("a contact latched to one customer is refused for another, naming the holder", async () => {
      const account = await ctx.newAccount();
      const holder = await newCustomer(account);
      const other = await newCustomer(account);
      const first = await post("/v1/HubSpot/latchCustomer", account, { fusebillId: holder, hubSpotId: 101 });
      assert.equal(first.status, 200, first.text);
      const second = await post("/v1/HubSpot/latchCustomer", account, { fusebillId: other, hubSpotId: 101 });
      assert.equal(second.status, 400, second.text);
      assert.equal(second.json().Errors[0].Value, messages.hubSpotContactTaken(101, holder), second.text);
      const company = await post("/v1/HubSpot/latchCustomer", account, {
        fusebillId: holder,
        hubSpotCompanyId: 202,
      });
      assert.equal(company.status, 200, company.text);
      const taken = await post("/v1/HubSpot/latchCustomer", account, {
        fusebillId: other,
        hubSpotCompanyId: 202,
      });
      assert.equal(taken.json().Errors[0].Value, messages.hubSpotCompanyTaken(202, holder), taken.text);
      assert.deepEqual(await links(other), { hubSpotId: null, hubSpotCompanyId: null }, taken.text);
    });

    test("another account may latch the same contact", async () => {
      const first = await ctx.newAccount();
      const second = await ctx.newAccount();
      for (const account of [first, second]) {
        const r = await post("/v1/HubSpot/latchCustomer", account, {
          fusebillId: await newCustomer(account),
          hubSpotId: 101,
        });
        assert.equal(r.status, 200, r.text);
      }
    });

    test("latching a merged contact's old id stores the id HubSpot answers with", async () => {
      const account = await ctx.newAccount();
      const id = await newCustomer(account);
      const a = await createSandboxContact();
      const b = await createSandboxContact();
      const merge = await fetch(`${self}/sandbox/hubspot/crm/v3/objects/contacts/merge`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: "Bearer test" },
        body: JSON.stringify({ primaryObjectId: a, objectIdToMerge: b }),
      });
      const merged = JSON.parse(await merge.text()).id;
      const r = await post("/v1/HubSpot/latchCustomer", account, { fusebillId: id, hubSpotId: Number(a) });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json().hubSpotId, Number(merged), r.text);
    });

    for (const [kind, reason] of [
      ["revoked", "HubSpot refused the credentials (401)"],
      ["429", "rate limited (429), retry after 1 s"],
      ["500", "HubSpot answered 500"],
      ["timeout", "no answer within 500 ms"],
    ]) {
      test(`a HubSpot that answers '${kind}' is a 502 that latches nothing`, async () => {
        const account = await ctx.newAccount();
        const id = await newCustomer(account);
        await connectFaultySandbox(account, kind as string);
        const r = await post("/v1/HubSpot/latchCustomer", account, {
          fusebillId: id,
          hubSpotId: 101,
          hubSpotCompanyId: 202,
        });
        assert.equal(r.status, 502, r.text);
        assert.equal(r.json().Errors[0].Value, messages.crmUnavailable("HubSpot", reason as string), r.text);
        assert.deepEqual(await links(id), { hubSpotId: null, hubSpotCompanyId: null }, r.text);
      });
    }

    test("an unknown customer is a 404 on latch and unlatch", async () => {
      const account = await ctx.newAccount();
      const latch = await post("/v1/HubSpot/latchCustomer", account, { fusebillId: 12, hubSpotId: 101 });
      assert.equal(latch.status, 404, latch.text);
      assert.equal(latch.json().Errors[0].Value, "Customer with id 12 not found.", latch.text);
      const unlatch = await post("/v1/HubSpot/UnlatchCustomer/12", account);
      assert.equal(unlatch.status, 404, unlatch.text);
      assert.equal(unlatch.json().Errors[0].Value, "Customer with id 12 not found.", unlatch.text);
    });

    test("50 concurrent latches of contact 101 to 50 customers: exactly one wins", async () => {
      const account = await ctx.newAccount();
      const ids = await Promise.all(Array.from({ length: 50 }, () => newCustomer(account)));
      const results = await Promise.all(
        ids.map((id) => post("/v1/HubSpot/latchCustomer", account, { fusebillId: id, hubSpotId: 101 })),
      );
      const winners = results.filter((r) => r.status === 200);
      assert.equal(winners.length, 1, results.map((r) => `${r.status} ${r.text.slice(0, 120)}`).join("\n"));
      const winner = winners[0]?.json().id;
      for (const loser of results.filter((r) => r.status !== 200)) {
        assert.equal(loser.status, 400, loser.text);
        assert.equal(loser.json().Errors[0].Value, messages.hubSpotContactTaken(101, winner), loser.text);
      }
      const latched = await ctx.db
        .selectFrom("customers")
        .select("id")
        .where("accountId", "=", account.accountId)
        .where("hubSpotId", "=", 101)
        .execute();
      assert.deepEqual(latched, [{ id: winner }], JSON.stringify(latched));
    });
  },
  { secretKey: randomBytes(32) },
);
