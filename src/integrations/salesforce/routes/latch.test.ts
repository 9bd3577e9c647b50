import assert from "node:assert/strict";
import { before, test } from "node:test";
import { messages } from "../../../errors/messages.ts";
import {
  clearFaults,
  createCustomer,
  envelope,
  getCustomer,
  injectFault,
  post,
  selfUrl,
} from "../../../testing/integration-test-kit.ts";
import { describeOnEachBackend } from "../../../testing/test-app.ts";

describeOnEachBackend(
  "POST /v1/Salesforce/Latch",
  (ctx) => {
    before(async () => {
      await ctx.app.listen({ port: 0, host: "127.0.0.1" });
    });

    /** A second Account in the sandbox, created through the vendor paths. */
    async function createSandboxAccount(name: string): Promise<string> {
      const base = `${selfUrl(ctx)}/sandbox/salesforce`;
      const grant = await fetch(`${base}/services/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "grant_type=client_credentials&client_id=test&client_secret=test",
      });
      const { access_token: token } = await grant.json();
      const created = await fetch(`${base}/services/data/v60.0/sobjects/Account`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ Name: name }),
      });
      const body = await created.json();
      assert.equal(created.status, 201, JSON.stringify(body));
      return body.id;
    }

    test("the page's curl body latches to the 15-character id and stores the 18-character one", async () => {
      const account = await ctx.newAccount();
      const id = await createCustomer(ctx, account, { firstName: "John", lastName: "Doe" });
      const r = await post(
        ctx,
        account,
        "/v1/Salesforce/Latch",
        `{fusebillId:${id},salesforceId:'0014100000JJ3wt'}`,
      );
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().id, id, r.body);
      assert.equal(r.json().salesforceId, "0014100000JJ3wtAAD", r.body);
      assert.equal(r.json().firstName, "John", r.body);
      assert.equal((await getCustomer(ctx, account, id)).salesforceId, "0014100000JJ3wtAAD");
    });

    test("the page's C# body (trailing slash, salesforceID, quoted forceLatch) latches", async () => {
      const account = await ctx.newAccount();
      const id = await createCustomer(ctx, account);
      const body = `{fusebillId:${id},salesforceID:'0014100000JJ3wt','forceLatch': true}`;
      const r = await post(ctx, account, "/v1/Salesforce/Latch/", body);
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().salesforceId, "0014100000JJ3wtAAD", r.body);
    });

    test("the page's Python body with the 18-character id latches, and repeating it is accepted", async () => {
      const account = await ctx.newAccount();
      const id = await createCustomer(ctx, account);
      const body = JSON.stringify({ fusebillId: id, salesforceId: "0014100000JJ3wtAAD" });
      for (let i = 0; i < 2; i++) {
        const r = await post(ctx, account, "/v1/Salesforce/Latch", body);
        assert.equal(r.statusCode, 200, r.body);
        assert.equal(r.json().salesforceId, "0014100000JJ3wtAAD", r.body);
      }
    });

    test("the page's payload block names customer 12717595, which this account does not have", async () => {
      const account = await ctx.newAccount();
      const body = '{\n"fusebillId":12717595,\n"salesforceId":"0014100000JJ3wt",\n"forceLatch":true\n}';
      const r = await post(ctx, account, "/v1/Salesforce/Latch", body);
      assert.equal(r.statusCode, 404, r.body);
      assert.deepEqual(r.json(), envelope(404, "Customer with id 12717595 not found."), r.body);
    });

    test("an id that cannot be an Account answers the page's error text with the id as sent", async () => {
      const account = await ctx.newAccount();
      const id = await createCustomer(ctx, account);
      for (const bad of ["1", "0034100000JJ3wt", "0014100000JJ3wtBAD"]) {
        const r = await post(
          ctx,
          account,
          "/v1/Salesforce/Latch",
          `{fusebillId:${id},salesforceId:'${bad}'}`,
        );
        assert.equal(r.statusCode, 400, r.body);
        assert.deepEqual(r.json(), envelope(400, `Salesforce Account ${bad} does not exist.`), r.body);
      }
      assert.equal(messages.salesforceAccountMissing("1"), "Salesforce Account 1 does not exist.");
    });

    test("a well-formed Account id that Salesforce does not know does not exist", async () => {
      const account = await ctx.newAccount();
      const id = await createCustomer(ctx, account);
      const r = await post(
        ctx,
        account,
        "/v1/Salesforce/Latch",
        `{fusebillId:${id},salesforceId:'0014100000ZZZZZ'}`,
      );
      assert.equal(r.statusCode, 400, r.body);
      assert.deepEqual(r.json(), envelope(400, "Salesforce Account 0014100000ZZZZZ does not exist."), r.body);
      assert.equal((await getCustomer(ctx, account, id)).salesforceId, null);
    });

    test("a customer latched to another Account moves only with forceLatch", async () => {
      const account = await ctx.newAccount();
      const id = await createCustomer(ctx, account);
      const other = await createSandboxAccount("Other Bikes");
      const first = await post(
        ctx,
        account,
        "/v1/Salesforce/Latch",
        `{fusebillId:${id},salesforceId:'0014100000JJ3wt'}`,
      );
      assert.equal(first.statusCode, 200, first.body);
      const refused = await post(
        ctx,
        account,
        "/v1/Salesforce/Latch",
        `{fusebillId:${id},salesforceId:'${other}'}`,
      );
      assert.equal(refused.statusCode, 400, refused.body);
      assert.deepEqual(
        refused.json(),
        envelope(400, messages.salesforceAlreadyLatched(id, "0014100000JJ3wtAAD")),
        refused.body,
      );
      const unknown = await post(
        ctx,
        account,
        "/v1/Salesforce/Latch",
        `{fusebillId:${id},salesforceId:'0014100000ZZZZZ'}`,
      );
      assert.deepEqual(
        unknown.json(),
        envelope(400, "Salesforce Account 0014100000ZZZZZ does not exist."),
        `an Account that does not exist is reported as such, latched or not: ${unknown.body}`,
      );
      const forced = await post(
        ctx,
        account,
        "/v1/Salesforce/Latch",
        `{fusebillId:${id},salesforceId:'${other}',forceLatch:true}`,
      );
      assert.equal(forced.statusCode, 200, forced.body);
      assert.equal(forced.json().salesforceId, other, forced.body);
    });

    test("an Account latched to one customer cannot be latched to another of the same account", async () => {
      const account = await ctx.newAccount();
      const holder = await createCustomer(ctx, account);
      const second = await createCustomer(ctx, account);
      const first = await post(
        ctx,
        account,
        "/v1/Salesforce/Latch",
        `{fusebillId:${holder},salesforceId:'0014100000JJ3wt'}`,
      );
      assert.equal(first.statusCode, 200, first.body);
      const r = await post(
        ctx,
        account,
        "/v1/Salesforce/Latch",
        `{fusebillId:${second},salesforceId:'0014100000JJ3wtAAD',forceLatch:true}`,
      );
      assert.equal(r.statusCode, 400, r.body);
      assert.deepEqual(
        r.json(),
        envelope(400, messages.salesforceAccountTaken("0014100000JJ3wtAAD", holder)),
        r.body,
      );
    });

    test("a Salesforce that rejects the credentials, limits requests, fails or times out gives 502 and latches nothing", async () => {
      const account = await ctx.newAccount();
      const id = await createCustomer(ctx, account);
      for (const fault of [
        { kind: "revoked", count: 2 },
        { kind: "429", count: 2 },
        { kind: "500", count: 2 },
        { kind: "timeout", count: 2 },
      ]) {
        await injectFault(ctx, "salesforce", fault);
        const r = await post(
          ctx,
          account,
          "/v1/Salesforce/Latch",
          `{fusebillId:${id},salesforceId:'0014100000JJ3wt'}`,
        );
        await clearFaults(ctx, "salesforce");
        assert.equal(r.statusCode, 502, `${fault.kind}: ${r.body}`);
        assert.match(
          r.json().Errors[0].Value,
          /^Salesforce could not be reached \(.+\); nothing was changed/,
          r.body,
        );
        assert.equal((await getCustomer(ctx, account, id)).salesforceId, null, fault.kind);
      }
    });

    test("50 concurrent latches of one Account to 50 customers: exactly one succeeds", async () => {
      const account = await ctx.newAccount();
      const ids: number[] = [];
      for (let i = 0; i < 50; i++) ids.push(await createCustomer(ctx, account, { firstName: `c${i}` }));
      const results = await Promise.all(
        ids.map((id) =>
          post(ctx, account, "/v1/Salesforce/Latch", `{fusebillId:${id},salesforceId:'0014100000JJ3wt'}`),
        ),
      );
      const winners = results.filter((r) => r.statusCode === 200);
      assert.equal(winners.length, 1, results.map((r) => r.body).join("\n"));
      for (const r of results.filter((result) => result.statusCode !== 200)) {
        assert.equal(r.statusCode, 400, r.body);
        assert.match(
          r.json().Errors[0].Value,
          /^Salesforce Account 0014100000JJ3wtAAD is already latched to /,
          r.body,
        );
      }
      const latched = await ctx.db
        .selectFrom("customers")
        .select("id")
        .where("accountId", "=", account.accountId)
        .where("salesforceId", "=", "0014100000JJ3wtAAD")
        .execute();
      assert.deepEqual(
        latched.map((row) => row.id),
        [winners[0]?.json().id],
        JSON.stringify(latched),
      );
    });
  },
  { crmTimeoutMs: 3000 },
);
