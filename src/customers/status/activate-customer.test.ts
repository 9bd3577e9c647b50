import assert from "node:assert/strict";
import { test } from "node:test";
import { messages } from "../../errors/messages.ts";
import { describeOnEachBackend } from "../../testing/test-app.ts";
import { assertError, statusTestSupport } from "./status-test-support.ts";

describeOnEachBackend("POST /v1/customerActivation", (ctx) => {
  const { post, createCustomer, customerIn, getCustomer, backdate } = statusTestSupport(ctx);
  const fullBody = (id: number) => ({
    customerId: id,
    activateAllSubscriptions: true,
    activateAllDraftPurchases: true,
    temporarilyDisableAutoPost: false,
  });

  test("activating a Draft customer makes it Active, saves it and answers the customer as GET does", async () => {
    const { headers } = await ctx.newAccount();
    const id = await createCustomer(headers);
    const before = await backdate(id);
    const response = await post("/v1/customerActivation", headers, fullBody(id));
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    assert.equal(body.status, "Active", response.body);
    assert.equal(body.canChangeCurrency, false, response.body);
    assert.notEqual(body.modifiedTimestamp, before, response.body);
    assert.deepEqual(body, await getCustomer(id, headers), response.body);
  });

  test("the C# client's customerID and a relaxed JSON body with any key case are bound", async () => {
    const { headers } = await ctx.newAccount();
    const id = await createCustomer(headers);
    const response = await post(
      "/v1/customeractivation",
      headers,
      `{customerID:${id},ActivateAllSubscriptions:true,activateAllDraftPurchases:'false',TemporarilyDisableAutoPost:false}`,
    );
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().status, "Active", response.body);
  });

  test("without preview each of the three booleans is required", async () => {
    const { headers } = await ctx.newAccount();
    const id = await createCustomer(headers);
    const response = await post("/v1/customerActivation", headers, {
      customerId: id,
      activateAllSubscriptions: true,
      temporarilyDisableAutoPost: false,
    });
    assertError(response, 400, messages.requiredUnlessPreview("activateAllDraftPurchases"));
    assert.equal((await getCustomer(id, headers)).status, "Draft", response.body);
  });

  test("a missing customerId is a 400 naming the field", async () => {
    const { headers } = await ctx.newAccount();
    const response = await post("/v1/customerActivation", headers, { activateAllSubscriptions: true });
    assertError(response, 400, "customerId is required.");
  });

  test("Preview=True needs only customerId and answers the activated customer without saving it", async () => {
    const { headers } = await ctx.newAccount();
    const id = await createCustomer(headers);
    const before = await getCustomer(id, headers);
    for (const query of ["Preview=True", "preview=true"]) {
      const response = await post(`/v1/customerActivation?${query}`, headers, `{customerId:${id}}`);
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().status, "Active", response.body);
      assert.equal(response.json().canChangeCurrency, false, response.body);
      assert.deepEqual(await getCustomer(id, headers), before, `${query} saved nothing: ${response.body}`);
    }
  });

  test("showZeroDollarCharges and view=sideeffects are accepted and the answer keeps the customer shape", async () => {
    const { headers } = await ctx.newAccount();
    const id = await createCustomer(headers);
    const response = await post(
      "/v1/customerActivation?showZeroDollarCharges=true&view=sideeffects",
      headers,
      fullBody(id),
    );
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(response.json(), await getCustomer(id, headers), response.body);
  });

  test("a preview value that is not a boolean is a 400", async () => {
    const { headers } = await ctx.newAccount();
    const id = await createCustomer(headers);
    const response = await post("/v1/customerActivation?preview=maybe", headers, fullBody(id));
    assertError(response, 400, "preview must be a boolean.");
  });

  test("activating a customer that is not Draft is a 409, with or without preview", async () => {
    const { headers } = await ctx.newAccount();
    for (const status of ["Active", "Hold", "Suspended", "Cancelled"] as const) {
      const id = await customerIn(status, headers);
      const expected = messages.wrongStatus(id, "activate", status, "Draft");
      assertError(await post("/v1/customerActivation", headers, fullBody(id)), 409, expected);
      assertError(
        await post("/v1/customerActivation?preview=true", headers, { customerId: id }),
        409,
        expected,
      );
      assert.equal((await getCustomer(id, headers)).status, status);
    }
  });

  test("an unknown customer and another account's customer are not found", async () => {
    const owner = await ctx.newAccount();
    const stranger = await ctx.newAccount();
    const id = await createCustomer(owner.headers);
    assertError(
      await post("/v1/customerActivation", stranger.headers, fullBody(id)),
      404,
      messages.customerNotFound(id),
    );
    assertError(
      await post("/v1/customerActivation?preview=true", stranger.headers, { customerId: id }),
      404,
      messages.customerNotFound(id),
    );
    const unknown = id + 1000;
    assertError(
      await post("/v1/customerActivation", owner.headers, fullBody(unknown)),
      404,
      `Customer with id ${unknown} not found.`,
    );
    assert.equal((await getCustomer(id, owner.headers)).status, "Draft");
  });
});
