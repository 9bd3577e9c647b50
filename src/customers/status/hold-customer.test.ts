import assert from "node:assert/strict";
import { test } from "node:test";
import { messages } from "../../errors/messages.ts";
import { describeOnEachBackend } from "../../testing/test-app.ts";
import { assertError, statusTestSupport } from "./status-test-support.ts";

describeOnEachBackend("POST /v1/CustomerHold/{id}", (ctx) => {
  const { post, customerIn, getCustomer, backdate } = statusTestSupport(ctx);

  test("holding an Active customer with no body makes it Hold and answers the customer as GET does", async () => {
    const { headers } = await ctx.newAccount();
    const id = await customerIn("Active", headers);
    const before = await backdate(id);
    const { authorization } = headers;
    const response = await post(`/v1/CustomerHold/${id}`, { authorization: authorization as string });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().status, "Hold", response.body);
    assert.notEqual(response.json().modifiedTimestamp, before, response.body);
    assert.deepEqual(response.json(), await getCustomer(id, headers), response.body);
  });

  test("an empty JSON body with Content-Length 0 and an empty form-encoded body are both accepted", async () => {
    const { headers } = await ctx.newAccount();
    const variants: Record<string, string>[] = [
      { ...headers, "content-type": "application/json", "content-length": "0" },
      { ...headers, "content-type": "application/x-www-form-urlencoded" },
    ];
    for (const variantHeaders of variants) {
      const id = await customerIn("Active", headers);
      const response = await post(`/v1/customerhold/${id}`, variantHeaders, "");
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().status, "Hold", response.body);
    }
  });

  test("holding a customer that is not Active is a 409 that changes nothing", async () => {
    const { headers } = await ctx.newAccount();
    for (const status of ["Draft", "Hold", "Suspended", "Cancelled"] as const) {
      const id = await customerIn(status, headers);
      const response = await post(`/v1/CustomerHold/${id}`, headers);
      assertError(response, 409, messages.wrongStatus(id, "hold", status, "Active"));
      assert.equal((await getCustomer(id, headers)).status, status, response.body);
    }
  });

  test("another account's customer is not found", async () => {
    const owner = await ctx.newAccount();
    const stranger = await ctx.newAccount();
    const id = await customerIn("Active", owner.headers);
    assertError(await post(`/v1/CustomerHold/${id}`, stranger.headers), 404, messages.customerNotFound(id));
    assert.equal((await getCustomer(id, owner.headers)).status, "Active");
  });
});

describeOnEachBackend("POST /v1/customers/unHold", (ctx) => {
  const { post, customerIn, getCustomer, backdate } = statusTestSupport(ctx);

  test("the docs' body (single quotes, undocumented prorate) makes a held customer Active", async () => {
    const { headers } = await ctx.newAccount();
    const id = await customerIn("Hold", headers);
    const before = await backdate(id);
    const response = await post(
      "/v1/customers/unhold",
      headers,
      `{'customerId':${id},'serviceStartOption':'ChargeForCurrentFullPeriod','prorate':false,'temporarilyDisableAutoPost':false}`,
    );
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().status, "Active", response.body);
    assert.notEqual(response.json().modifiedTimestamp, before, response.body);
    assert.deepEqual(response.json(), await getCustomer(id, headers), response.body);
  });

  test("customerID and a serviceStartOption in another case are bound", async () => {
    const { headers } = await ctx.newAccount();
    const id = await customerIn("Hold", headers);
    const response = await post("/v1/customers/unHold", headers, {
      customerID: id,
      ServiceStartOption: "nochargesformissedperiods",
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().status, "Active", response.body);
  });

  test("serviceStartOption is required and must be one of the documented values", async () => {
    const { headers } = await ctx.newAccount();
    const id = await customerIn("Hold", headers);
    assertError(
      await post("/v1/customers/unHold", headers, { customerId: id }),
      400,
      "serviceStartOption is required.",
    );
    assertError(
      await post("/v1/customers/unHold", headers, { customerId: id, serviceStartOption: "Whenever" }),
      400,
      "serviceStartOption must be one of ChargeForAllMissedPeriods, ChargeForLastMissedPeriods, NoChargesForMissedPeriods, ChargeForCurrentFullPeriod.",
    );
    assert.equal((await getCustomer(id, headers)).status, "Hold");
  });

  test("preview in the body or the query answers the Active customer and saves nothing", async () => {
    const { headers } = await ctx.newAccount();
    const id = await customerIn("Hold", headers);
    const before = await getCustomer(id, headers);
    const inBody = await post("/v1/customers/unHold", headers, {
      customerId: id,
      serviceStartOption: "ChargeForAllMissedPeriods",
      preview: true,
      showZeroDollarCharges: false,
    });
    const inQuery = await post("/v1/customers/unHold?Preview=true", headers, {
      customerId: id,
      serviceStartOption: "ChargeForAllMissedPeriods",
    });
    for (const response of [inBody, inQuery]) {
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().status, "Active", response.body);
      assert.deepEqual(await getCustomer(id, headers), before, response.body);
    }
  });

  test("un-holding a customer that is not on Hold is a 409 that changes nothing", async () => {
    const { headers } = await ctx.newAccount();
    for (const status of ["Draft", "Active", "Suspended", "Cancelled"] as const) {
      const id = await customerIn(status, headers);
      const response = await post("/v1/customers/unHold", headers, {
        customerId: id,
        serviceStartOption: "ChargeForCurrentFullPeriod",
      });
      assertError(response, 409, messages.wrongStatus(id, "unhold", status, "Hold"));
      assert.equal((await getCustomer(id, headers)).status, status, response.body);
    }
  });

  test("another account's customer is not found", async () => {
    const owner = await ctx.newAccount();
    const stranger = await ctx.newAccount();
    const id = await customerIn("Hold", owner.headers);
    const body = { customerId: id, serviceStartOption: "ChargeForCurrentFullPeriod" };
    assertError(
      await post("/v1/customers/unHold", stranger.headers, body),
      404,
      messages.customerNotFound(id),
    );
  });
});
