import assert from "node:assert/strict";
import { before, test } from "node:test";
import { messages } from "../../../errors/messages.ts";
import { createCustomer, envelope, getCustomer, post } from "../../../testing/integration-test-kit.ts";
import type { TestAccount } from "../../../testing/test-app.ts";
import { describeOnEachBackend } from "../../../testing/test-app.ts";

describeOnEachBackend(
  "POST /v1/Salesforce/EnableSynch and DisableSynch",
  (ctx) => {
    before(async () => {
      await ctx.app.listen({ port: 0, host: "127.0.0.1" });
    });

    async function latchedCustomer(account: TestAccount): Promise<number> {
      const id = await createCustomer(ctx, account, { firstName: "John", lastName: "Doe" });
      const r = await post(
        ctx,
        account,
        "/v1/Salesforce/Latch",
        `{fusebillId:${id},salesforceId:'0014100000JJ3wt'}`,
      );
      assert.equal(r.statusCode, 200, r.body);
      return id;
    }

    test("the page's curl and C# request (JSON content type, Content-Length: 0) enables synch", async () => {
      const account = await ctx.newAccount();
      const id = await latchedCustomer(account);
      const r = await post(ctx, account, `/v1/Salesforce/EnableSynch/${id}`, "", {
        "content-type": "application/json",
        "content-length": "0",
      });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().salesforceSynchStatus, "Enabled", r.body);
      assert.equal(r.json().salesforceId, "0014100000JJ3wtAAD", r.body);
      assert.equal((await getCustomer(ctx, account, id)).salesforceSynchStatus, "Enabled");
    });

    test("the page's Python request (SalesForce casing, no body at all) enables synch", async () => {
      const account = await ctx.newAccount();
      const id = await latchedCustomer(account);
      const r = await post(ctx, account, `/v1/SalesForce/EnableSynch/${id}`, undefined, {
        "content-type": "application/json",
      });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().salesforceSynchStatus, "Enabled", r.body);
    });

    test("a body that does not parse is ignored, and DisableSynch sets Disabled", async () => {
      const account = await ctx.newAccount();
      const id = await latchedCustomer(account);
      const enabled = await post(ctx, account, `/v1/Salesforce/EnableSynch/${id}`, `{fusebillId:${id}'}`);
      assert.equal(enabled.statusCode, 200, enabled.body);
      const disabled = await post(ctx, account, `/v1/Salesforce/DisableSynch/${id}`, "", {
        "content-length": "0",
      });
      assert.equal(disabled.statusCode, 200, disabled.body);
      assert.equal(disabled.json().salesforceSynchStatus, "Disabled", disabled.body);
    });

    test("a customer that is not latched cannot have its synch enabled or disabled", async () => {
      const account = await ctx.newAccount();
      const id = await createCustomer(ctx, account);
      for (const action of ["EnableSynch", "DisableSynch"]) {
        const r = await post(ctx, account, `/v1/Salesforce/${action}/${id}`, "");
        assert.equal(r.statusCode, 400, r.body);
        assert.deepEqual(r.json(), envelope(400, messages.salesforceNotLatched(id)), r.body);
      }
      assert.equal((await getCustomer(ctx, account, id)).salesforceSynchStatus, null);
    });

    test("an unknown customer answers the page's 404", async () => {
      const account = await ctx.newAccount();
      const r = await post(ctx, account, "/v1/Salesforce/EnableSynch/12", "", { "content-length": "0" });
      assert.equal(r.statusCode, 404, r.body);
      assert.deepEqual(r.json(), envelope(404, "Customer with id 12 not found."), r.body);
    });

    test("a customer of another account is not found", async () => {
      const owner = await ctx.newAccount();
      const stranger = await ctx.newAccount();
      const id = await latchedCustomer(owner);
      const r = await post(ctx, stranger, `/v1/Salesforce/EnableSynch/${id}`, "");
      assert.equal(r.statusCode, 404, r.body);
      assert.equal((await getCustomer(ctx, owner, id)).salesforceSynchStatus, null);
    });
  },
  { crmTimeoutMs: 3000 },
);
