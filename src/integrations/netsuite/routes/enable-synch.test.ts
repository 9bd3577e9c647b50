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
} from "../../../testing/integration-test-kit.ts";
import type { TestAccount } from "../../../testing/test-app.ts";
import { describeOnEachBackend } from "../../../testing/test-app.ts";

describeOnEachBackend(
  "POST /v1/Netsuite/EnableSynch and DisableSynch",
  (ctx) => {
    before(async () => {
      await ctx.app.listen({ port: 0, host: "127.0.0.1" });
    });

    async function latchedCustomer(account: TestAccount): Promise<number> {
      const id = await createCustomer(ctx, account, {
        firstName: "test",
        lastName: "test",
        companyName: "company",
      });
      const r = await post(
        ctx,
        account,
        "/v1/NetSuite/LatchCustomer",
        `{fusebillId:${id},netsuiteId:'1744203'}`,
      );
      assert.equal(r.statusCode, 200, r.body);
      return id;
    }

    test("the page's curl request, with its malformed body, enables synch of a latched customer", async () => {
      const account = await ctx.newAccount();
      const id = await latchedCustomer(account);
      const r = await post(ctx, account, `/v1/Netsuite/EnableSynch/${id}`, `{fusebillId:${id}'}`, {
        "content-type": "application/json",
      });
      assert.equal(r.statusCode, 200, r.body);
      const body = r.json();
      assert.deepEqual(
        {
          netsuiteId: body.netsuiteId,
          netsuiteSynchStatus: body.netsuiteSynchStatus,
          netsuiteCustomerType: body.netsuiteCustomerType,
        },
        { netsuiteId: "1744203", netsuiteSynchStatus: "Enabled", netsuiteCustomerType: "Individual" },
        r.body,
      );
      assert.equal((await getCustomer(ctx, account, id)).netsuiteSynchStatus, "Enabled");
    });

    test("an empty body or none at all works too, and DisableSynch sets Disabled", async () => {
      const account = await ctx.newAccount();
      const id = await latchedCustomer(account);
      const empty = await post(ctx, account, `/v1/NetSuite/EnableSynch/${id}`, "", { "content-length": "0" });
      assert.equal(empty.statusCode, 200, empty.body);
      const none = await post(ctx, account, `/v1/netsuite/enablesynch/${id}`, undefined);
      assert.equal(none.statusCode, 200, none.body);
      const disabled = await post(ctx, account, `/v1/Netsuite/DisableSynch/${id}`, `{fusebillId:${id}'}`);
      assert.equal(disabled.statusCode, 200, disabled.body);
      assert.equal(disabled.json().netsuiteSynchStatus, "Disabled", disabled.body);
    });

    test("a body carrying netsuiteId latches the customer to it first", async () => {
      const account = await ctx.newAccount();
      const id = await createCustomer(ctx, account);
      const r = await post(
        ctx,
        account,
        `/v1/Netsuite/EnableSynch/${id}`,
        `{fusebillId:${id},NetsuiteID:1744203}`,
      );
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().netsuiteId, "1744203", r.body);
      assert.equal(r.json().netsuiteSynchStatus, "Enabled", r.body);
    });

    test("a body naming an unknown record answers the page's error and enables nothing", async () => {
      const account = await ctx.newAccount();
      const id = await createCustomer(ctx, account);
      const r = await post(ctx, account, `/v1/Netsuite/EnableSynch/${id}`, `{"netsuiteId":"1"}`);
      assert.equal(r.statusCode, 400, r.body);
      assert.deepEqual(r.json(), envelope(400, "NetSuite Account 1 does not exist."), r.body);
      const customer = await getCustomer(ctx, account, id);
      assert.deepEqual(
        [customer.netsuiteId, customer.netsuiteSynchStatus],
        [null, null],
        JSON.stringify(customer),
      );
    });

    test("a NetSuite that does not answer while latching from the body gives 502 and changes nothing", async () => {
      const account = await ctx.newAccount();
      const id = await createCustomer(ctx, account);
      await injectFault(ctx, "netsuite", { kind: "timeout" });
      const r = await post(ctx, account, `/v1/Netsuite/EnableSynch/${id}`, `{netsuiteId:'1744203'}`);
      await clearFaults(ctx, "netsuite");
      assert.equal(r.statusCode, 502, r.body);
      const customer = await getCustomer(ctx, account, id);
      assert.deepEqual(
        [customer.netsuiteId, customer.netsuiteSynchStatus],
        [null, null],
        JSON.stringify(customer),
      );
    });

    test("a customer that is not latched cannot have its synch enabled or disabled", async () => {
      const account = await ctx.newAccount();
      const id = await createCustomer(ctx, account);
      for (const action of ["EnableSynch", "DisableSynch"]) {
        const r = await post(ctx, account, `/v1/Netsuite/${action}/${id}`, `{fusebillId:${id}'}`);
        assert.equal(r.statusCode, 400, r.body);
        assert.deepEqual(r.json(), envelope(400, messages.netsuiteNotLatched(id)), r.body);
      }
    });

    test("an unknown customer is not found", async () => {
      const account = await ctx.newAccount();
      const r = await post(ctx, account, "/v1/Netsuite/EnableSynch/12", "{fusebillId:12'}");
      assert.equal(r.statusCode, 404, r.body);
      assert.deepEqual(r.json(), envelope(404, "Customer with id 12 not found."), r.body);
    });
  },
  { crmTimeoutMs: 3000 },
);
