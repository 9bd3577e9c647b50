import assert from "node:assert/strict";
import { test } from "node:test";
import { messages } from "../../errors/messages.ts";
import { describeOnEachBackend } from "../../testing/test-app.ts";

describeOnEachBackend("GET /v1/customers/{id}", (ctx) => {
  test("a customer reads back exactly as its creation answered", async () => {
    const { headers } = await ctx.newAccount();
    const created = await ctx.app.inject({
      method: "POST",
      url: "/v1/customers",
      headers,
      payload: {
        firstName: "Ann",
        customerReference: { salesTrackingCodes: [{ type: "Sales Tracking Code 1", code: "X" }] },
      },
    });
    assert.equal(created.statusCode, 200, created.body);
    const read = await ctx.app.inject({ method: "GET", url: `/v1/customers/${created.json().id}`, headers });
    assert.equal(read.statusCode, 200, read.body);
    assert.deepEqual(read.json(), created.json());
  });

  test("an unknown id answers 404 with the spec's text", async () => {
    const { headers } = await ctx.newAccount();
    const response = await ctx.app.inject({ method: "GET", url: "/v1/customers/12", headers });
    assert.equal(response.statusCode, 404, response.body);
    assert.deepEqual(response.json(), {
      ErrorId: 0,
      HttpStatusCode: 404,
      Errors: [{ Key: "Api Error", Value: "Customer with id 12 not found." }],
    });
    assert.equal(messages.customerNotFound(12), "Customer with id 12 not found.");
  });

  test("an id that is not a positive integer answers 400", async () => {
    const { headers } = await ctx.newAccount();
    for (const [id, text] of [
      ["0", "id must be at least 1."],
      ["-4", "id must be at least 1."],
      ["1.5", "id must be an integer."],
    ]) {
      const response = await ctx.app.inject({ method: "GET", url: `/v1/customers/${id}`, headers });
      assert.equal(response.statusCode, 400, response.body);
      assert.equal(response.json().Errors[0].Value, text, response.body);
    }
  });
});
