import assert from "node:assert/strict";
import { test } from "node:test";
import { messages } from "../../errors/messages.ts";
import { describeOnEachBackend } from "../../testing/test-app.ts";
import { assertError, statusTestSupport } from "./status-test-support.ts";

describeOnEachBackend("POST /v1/customerCancellation", (ctx) => {
  const { post, customerIn, getCustomer, backdate } = statusTestSupport(ctx);

  test("the docs' relaxed body cancels a customer in every status but Cancelled", async () => {
    const { headers } = await ctx.newAccount();
    for (const status of ["Draft", "Active", "Hold", "Suspended"] as const) {
      const id = await customerIn(status, headers);
      const before = await backdate(id);
      const response = await post(
        "/v1/customerCancellation",
        headers,
        `{customerId:${id}, cancellationOption:'None'}`,
      );
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().status, "Cancelled", response.body);
      assert.notEqual(response.json().modifiedTimestamp, before, response.body);
      assert.deepEqual(response.json(), await getCustomer(id, headers), response.body);
    }
  });

  test("customerID and a cancellationOption in another case are bound", async () => {
    const { headers } = await ctx.newAccount();
    const id = await customerIn("Active", headers);
    const response = await post("/v1/CustomerCancellation", headers, {
      customerID: id,
      CancellationOption: "full",
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().status, "Cancelled", response.body);
  });

  test("cancellationOption is required and must be None, Unearned or Full", async () => {
    const { headers } = await ctx.newAccount();
    const id = await customerIn("Active", headers);
    assertError(
      await post("/v1/customerCancellation", headers, { customerId: id }),
      400,
      "cancellationOption is required.",
    );
    assertError(
      await post("/v1/customerCancellation", headers, { customerId: id, cancellationOption: "Some" }),
      400,
      "cancellationOption must be one of None, Unearned, Full.",
    );
    assert.equal((await getCustomer(id, headers)).status, "Active");
  });

  test("cancelling a Cancelled customer is a 409", async () => {
    const { headers } = await ctx.newAccount();
    const id = await customerIn("Cancelled", headers);
    const response = await post("/v1/customerCancellation", headers, {
      customerId: id,
      cancellationOption: "Unearned",
    });
    assertError(response, 409, messages.alreadyCancelled(id));
  });

  test("another account's customer is not found", async () => {
    const owner = await ctx.newAccount();
    const stranger = await ctx.newAccount();
    const id = await customerIn("Active", owner.headers);
    const response = await post("/v1/customerCancellation", stranger.headers, {
      customerId: id,
      cancellationOption: "None",
    });
    assertError(response, 404, messages.customerNotFound(id));
    assert.equal((await getCustomer(id, owner.headers)).status, "Active");
  });
});

describeOnEachBackend("POST /v1/customers/uncancel/{id}", (ctx) => {
  const { post, customerIn, getCustomer, backdate } = statusTestSupport(ctx);

  test("uncancelling a Cancelled customer makes it Active", async () => {
    const { headers } = await ctx.newAccount();
    const id = await customerIn("Cancelled", headers);
    const before = await backdate(id);
    const response = await post(`/v1/customers/uncancel/${id}`, headers);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().status, "Active", response.body);
    assert.notEqual(response.json().modifiedTimestamp, before, response.body);
    assert.deepEqual(response.json(), await getCustomer(id, headers), response.body);
  });

  test("a customer cancelled while Draft also comes back Active", async () => {
    const { headers } = await ctx.newAccount();
    const id = await customerIn("Draft", headers);
    const cancel = await post("/v1/customerCancellation", headers, {
      customerId: id,
      cancellationOption: "None",
    });
    assert.equal(cancel.statusCode, 200, cancel.body);
    const response = await post(`/v1/customers/uncancel/${id}`, headers);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().status, "Active", response.body);
  });

  test("claygorman's empty form-encoded POST is accepted", async () => {
    const { headers } = await ctx.newAccount();
    const id = await customerIn("Cancelled", headers);
    const response = await post(
      `/v1/Customers/UnCancel/${id}/`,
      { ...headers, "content-type": "application/x-www-form-urlencoded" },
      "",
    );
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().status, "Active", response.body);
  });

  test("uncancelling a customer that is not Cancelled is a 409 that changes nothing", async () => {
    const { headers } = await ctx.newAccount();
    for (const status of ["Draft", "Active", "Hold", "Suspended"] as const) {
      const id = await customerIn(status, headers);
      const response = await post(`/v1/customers/uncancel/${id}`, headers);
      assertError(response, 409, messages.wrongStatus(id, "uncancel", status, "Cancelled"));
      assert.equal((await getCustomer(id, headers)).status, status, response.body);
    }
  });

  test("an unknown customer and another account's customer are not found", async () => {
    const owner = await ctx.newAccount();
    const stranger = await ctx.newAccount();
    const id = await customerIn("Cancelled", owner.headers);
    assertError(
      await post(`/v1/customers/uncancel/${id}`, stranger.headers),
      404,
      messages.customerNotFound(id),
    );
    assertError(
      await post(`/v1/customers/uncancel/${id + 1000}`, owner.headers),
      404,
      messages.customerNotFound(id + 1000),
    );
    assert.equal((await getCustomer(id, owner.headers)).status, "Cancelled");
  });
});
