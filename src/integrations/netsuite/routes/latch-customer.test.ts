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
import { oauth1Header } from "../oauth1-signature.ts";

describeOnEachBackend(
  "POST /v1/NetSuite/LatchCustomer and UnLatchCustomer",
  (ctx) => {
    before(async () => {
      await ctx.app.listen({ port: 0, host: "127.0.0.1" });
    });

    /** Another NetSuite customer, created through the vendor path with token-based auth. */
    async function createNetsuiteCustomer(fields: object): Promise<string> {
      const url = `${selfUrl(ctx)}/sandbox/netsuite/services/rest/record/v1/customer`;
      const credentials = {
        realm: "TEST",
        consumerKey: "ck",
        consumerSecret: "cs",
        token: "t",
        tokenSecret: "ts",
      };
      const response = await fetch(url, {
        method: "POST",
        headers: {
          authorization: oauth1Header("POST", url, credentials),
          "content-type": "application/json",
        },
        body: JSON.stringify(fields),
      });
      assert.equal(response.status, 204, await response.text());
      return (response.headers.get("location") ?? "").split("/").pop() as string;
    }

    test("latching to the seeded record stores its internal id and customer type", async () => {
      const account = await ctx.newAccount();
      const id = await createCustomer(ctx, account);
      const r = await post(
        ctx,
        account,
        "/v1/NetSuite/LatchCustomer",
        `{fusebillId:${id},netsuiteId:'1744203'}`,
      );
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().netsuiteId, "1744203", r.body);
      assert.equal(r.json().netsuiteCustomerType, "Individual", r.body);
      assert.equal(r.json().netsuiteSynchStatus, null, r.body);
    });

    test("a numeric netsuiteId, an external-id reference and a sync start date are accepted", async () => {
      const account = await ctx.newAccount();
      const first = await createCustomer(ctx, account);
      const numeric = await post(
        ctx,
        account,
        "/v1/NetSuite/LatchCustomer",
        `{"fusebillId":${first},"netsuiteId":1744203,"netsuiteSyncStartDate":"2026-01-01"}`,
      );
      assert.equal(numeric.statusCode, 200, numeric.body);
      assert.equal(numeric.json().netsuiteId, "1744203", numeric.body);

      const internalId = await createNetsuiteCustomer({
        companyName: "Acme",
        isPerson: false,
        externalId: "acme-7",
      });
      const second = await createCustomer(ctx, account);
      const byExternalId = await post(
        ctx,
        account,
        "/v1/NetSuite/LatchCustomer",
        `{fusebillId:${second},netsuiteId:'eid:acme-7'}`,
      );
      assert.equal(byExternalId.statusCode, 200, byExternalId.body);
      assert.equal(byExternalId.json().netsuiteId, internalId, byExternalId.body);
      assert.equal(byExternalId.json().netsuiteCustomerType, "Company", byExternalId.body);
    });

    test("an unknown record answers the page's error text with the id as sent", async () => {
      const account = await ctx.newAccount();
      const id = await createCustomer(ctx, account);
      for (const unknown of ["1", "0014100000JJ3wt"]) {
        const r = await post(
          ctx,
          account,
          "/v1/NetSuite/LatchCustomer",
          `{fusebillId:${id},netsuiteId:'${unknown}'}`,
        );
        assert.equal(r.statusCode, 400, r.body);
        assert.deepEqual(r.json(), envelope(400, `NetSuite Account ${unknown} does not exist.`), r.body);
      }
      assert.equal((await getCustomer(ctx, account, id)).netsuiteId, null);
    });

    test("the page's latch payload block is not JSON (an unterminated string) and is refused", async () => {
      const account = await ctx.newAccount();
      const body = '{\n"fusebillId":12717595,\n"netsuiteId":"0014100000JJ3wt",\n"netsuiteSyncStartDate":"\n}';
      const r = await post(ctx, account, "/v1/NetSuite/LatchCustomer", body);
      assert.equal(r.statusCode, 400, r.body);
      assert.match(r.json().Errors[0].Value, /^The request body is not valid JSON/, r.body);
    });

    test("a customer latched to one record must be unlatched before latching to another", async () => {
      const account = await ctx.newAccount();
      const id = await createCustomer(ctx, account);
      const other = await createNetsuiteCustomer({ companyName: "Other", isPerson: false });
      assert.equal(
        (await post(ctx, account, "/v1/NetSuite/LatchCustomer", `{fusebillId:${id},netsuiteId:'1744203'}`))
          .statusCode,
        200,
      );
      const refused = await post(
        ctx,
        account,
        "/v1/NetSuite/LatchCustomer",
        `{fusebillId:${id},netsuiteId:'${other}'}`,
      );
      assert.equal(refused.statusCode, 400, refused.body);
      assert.deepEqual(
        refused.json(),
        envelope(400, messages.netsuiteAlreadyLatched(id, "1744203")),
        refused.body,
      );

      const unknown = await post(
        ctx,
        account,
        "/v1/NetSuite/LatchCustomer",
        `{fusebillId:${id},netsuiteId:'1'}`,
      );
      assert.deepEqual(
        unknown.json(),
        envelope(400, "NetSuite Account 1 does not exist."),
        `a record that does not exist is reported as such, latched or not: ${unknown.body}`,
      );
      const unlatched = await post(ctx, account, "/v1/NetSuite/UnLatchCustomer", `{fusebillId:${id}}`);
      assert.equal(unlatched.statusCode, 200, unlatched.body);
      assert.equal(unlatched.json().netsuiteId, null, unlatched.body);
      assert.equal(unlatched.json().netsuiteCustomerType, "", unlatched.body);
      const moved = await post(
        ctx,
        account,
        "/v1/NetSuite/LatchCustomer",
        `{fusebillId:${id},netsuiteId:'${other}'}`,
      );
      assert.equal(moved.statusCode, 200, moved.body);
      assert.equal(moved.json().netsuiteId, other, moved.body);
      const byPath = await post(ctx, account, `/v1/NetSuite/UnLatchCustomer/${id}`, undefined);
      assert.equal(byPath.statusCode, 200, byPath.body);
      assert.equal(byPath.json().netsuiteId, null, byPath.body);
    });

    test("a record latched to one customer cannot be latched to another of the same account", async () => {
      const account = await ctx.newAccount();
      const holder = await createCustomer(ctx, account);
      const second = await createCustomer(ctx, account);
      assert.equal(
        (
          await post(
            ctx,
            account,
            "/v1/NetSuite/LatchCustomer",
            `{fusebillId:${holder},netsuiteId:'1744203'}`,
          )
        ).statusCode,
        200,
      );
      const r = await post(
        ctx,
        account,
        "/v1/NetSuite/LatchCustomer",
        `{fusebillId:${second},netsuiteId:'1744203'}`,
      );
      assert.equal(r.statusCode, 400, r.body);
      assert.deepEqual(r.json(), envelope(400, messages.netsuiteCustomerTaken("1744203", holder)), r.body);
    });

    test("unknown customers are not found by either endpoint", async () => {
      const account = await ctx.newAccount();
      const latch = await post(
        ctx,
        account,
        "/v1/NetSuite/LatchCustomer",
        "{fusebillId:12,netsuiteId:'1744203'}",
      );
      assert.equal(latch.statusCode, 404, latch.body);
      assert.deepEqual(latch.json(), envelope(404, "Customer with id 12 not found."), latch.body);
      const unlatch = await post(ctx, account, "/v1/NetSuite/UnLatchCustomer", "{fusebillId:12}");
      assert.equal(unlatch.statusCode, 404, unlatch.body);
    });

    test("a NetSuite that rejects the credentials, is over its concurrency limit, fails or times out gives 502 and latches nothing", async () => {
      const account = await ctx.newAccount();
      const id = await createCustomer(ctx, account);
      for (const kind of ["revoked", "429", "500", "timeout"]) {
        await injectFault(ctx, "netsuite", { kind });
        const r = await post(
          ctx,
          account,
          "/v1/NetSuite/LatchCustomer",
          `{fusebillId:${id},netsuiteId:'1744203'}`,
        );
        await clearFaults(ctx, "netsuite");
        assert.equal(r.statusCode, 502, `${kind}: ${r.body}`);
        assert.match(
          r.json().Errors[0].Value,
          /^NetSuite could not be reached \(.+\); nothing was changed/,
          r.body,
        );
        assert.equal((await getCustomer(ctx, account, id)).netsuiteId, null, kind);
      }
    });
  },
  { crmTimeoutMs: 3000 },
);
