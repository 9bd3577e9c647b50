import assert from "node:assert/strict";
import { test } from "node:test";
import { messages } from "../../errors/messages.ts";
import { describeOnEachBackend } from "../../testing/test-app.ts";

describeOnEachBackend("PUT /v1/customers", (ctx) => {
  async function createCustomer(headers: Record<string, string>, body: object = {}) {
    const response = await ctx.app.inject({ method: "POST", url: "/v1/customers", headers, payload: body });
    assert.equal(response.statusCode, 200, response.body);
    return response.json();
  }

  test("the page's curl example (relaxed JSON, capitalised Status) replaces the customer", async () => {
    const { headers } = await ctx.newAccount();
    const { id } = await createCustomer(headers, { firstName: "Jane", primaryEmail: "jane@example.com" });
    const response = await ctx.app.inject({
      method: "PUT",
      url: "/v1/customers",
      headers,
      payload: `{id:${id},title:'Mr',firstName:'John',lastName:'Smith',companyName:'Acme Inc.',Status:'Active'}`,
    });
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    assert.equal(body.firstName, "John", response.body);
    assert.equal(body.status, "Active", response.body);
    assert.equal(body.title, "Mr", response.body);
    assert.equal(body.primaryEmail, null, `fields not sent are nulled: ${response.body}`);
  });

  test("changing the status to Suspended answers the spec's error text", async () => {
    const { headers } = await ctx.newAccount();
    const { id } = await createCustomer(headers);
    const response = await ctx.app.inject({
      method: "PUT",
      url: "/v1/customers",
      headers,
      payload: { id, status: "Suspended" },
    });
    assert.equal(response.statusCode, 400, response.body);
    assert.deepEqual(response.json(), {
      ErrorId: 0,
      HttpStatusCode: 400,
      Errors: [{ Key: "Api Error", Value: messages.cannotSuspend }],
    });
    assert.equal(
      messages.cannotSuspend,
      "Cannot manually suspend customer, the system is in charge of suspending customers.",
    );
  });

  test("a customer of another account is not found", async () => {
    const owner = await ctx.newAccount();
    const stranger = await ctx.newAccount();
    const { id } = await createCustomer(owner.headers);
    const response = await ctx.app.inject({
      method: "PUT",
      url: "/v1/customers",
      headers: stranger.headers,
      payload: { id, status: "Draft", firstName: "Mallory" },
    });
    assert.equal(response.statusCode, 404, response.body);
    assert.equal(response.json().Errors[0].Value, `Customer with id ${id} not found.`);
  });
});
