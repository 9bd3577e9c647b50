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

  async function put(headers: Record<string, string>, body: object) {
    return ctx.app.inject({ method: "PUT", url: "/v1/customers", headers, payload: body });
  }

  async function isParent(headers: Record<string, string>, id: number) {
    const response = await ctx.app.inject({ method: "GET", url: `/v1/customers/${id}`, headers });
    assert.equal(response.statusCode, 200, response.body);
    return response.json().isParent as boolean;
  }

  function assertError(
    response: { statusCode: number; body: string; json(): unknown },
    status: number,
    text: string,
  ) {
    assert.equal(response.statusCode, status, response.body);
    assert.deepEqual(response.json(), {
      ErrorId: 0,
      HttpStatusCode: status,
      Errors: [{ Key: "Api Error", Value: text }],
    });
  }

  test("the currency can change while the customer is Draft and not once it is Active", async () => {
    const { headers } = await ctx.newAccount();
    const { id, currency } = await createCustomer(headers);
    assert.equal(currency, "USD");
    const draft = await put(headers, { id, status: "Draft", currency: "cad" });
    assert.equal(draft.statusCode, 200, draft.body);
    assert.equal(draft.json().currency, "CAD", draft.body);
    assert.equal(draft.json().canChangeCurrency, true, draft.body);
    const activated = await put(headers, { id, status: "Active", currency: "EUR" });
    assert.equal(
      activated.statusCode,
      200,
      `the change is judged on the current (Draft) status: ${activated.body}`,
    );
    assert.equal(activated.json().canChangeCurrency, false, activated.body);
    assertError(
      await put(headers, { id, status: "Active", currency: "USD" }),
      409,
      messages.currencyLocked(id, "EUR", "USD"),
    );
    const same = await put(headers, { id, status: "Active", currency: "EUR" });
    assert.equal(same.statusCode, 200, `resending the same currency is no change: ${same.body}`);
    const unknown = await put(headers, { id, status: "Active", currency: "XYZ" });
    assert.equal(unknown.statusCode, 400, unknown.body);
    assert.match(unknown.json().Errors[0].Value, /^currency must be one of AUD, .*USD\.$/, unknown.body);
  });

  test("parentId must name another customer of the account, not a descendant, and marks the parent", async () => {
    const { headers } = await ctx.newAccount();
    const stranger = await ctx.newAccount();
    const grandparent = await createCustomer(headers);
    const parent = await createCustomer(headers, { parentId: grandparent.id });
    const child = await createCustomer(headers);
    const foreign = await createCustomer(stranger.headers);

    assertError(
      await put(headers, { id: child.id, status: "Draft", parentId: 999999999 }),
      400,
      messages.parentNotFound(999999999),
    );
    assertError(
      await put(headers, { id: child.id, status: "Draft", parentId: foreign.id }),
      400,
      messages.parentNotFound(foreign.id),
    );
    assertError(
      await put(headers, { id: child.id, status: "Draft", parentId: child.id }),
      400,
      messages.parentIsSelf(child.id),
    );

    assert.equal(await isParent(headers, parent.id), false);
    const linked = await put(headers, { id: child.id, status: "Draft", parentId: parent.id });
    assert.equal(linked.statusCode, 200, linked.body);
    assert.equal(linked.json().parentId, parent.id, linked.body);
    assert.equal(linked.json().isParent, false, linked.body);
    assert.equal(await isParent(headers, parent.id), true);

    assertError(
      await put(headers, { id: grandparent.id, status: "Draft", parentId: child.id }),
      400,
      messages.parentCycle(grandparent.id, child.id),
    );
    assertError(
      await put(headers, { id: parent.id, status: "Draft", parentId: child.id }),
      400,
      messages.parentCycle(parent.id, child.id),
    );
    const created = await ctx.app.inject({
      method: "POST",
      url: "/v1/customers",
      headers,
      payload: { parentId: foreign.id },
    });
    assertError(created, 400, messages.parentNotFound(foreign.id));
  });

  test("a Cancelled customer cannot be modified, not even with its own values", async () => {
    const { headers } = await ctx.newAccount();
    const { id } = await createCustomer(headers, { firstName: "Gone" });
    const cancelled = await put(headers, { id, status: "Cancelled", firstName: "Gone" });
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    assert.equal(cancelled.json().status, "Cancelled", cancelled.body);
    assertError(
      await put(headers, { id, status: "Cancelled", firstName: "Gone" }),
      409,
      messages.cancelledCannotBeModified(id),
    );
    assertError(await put(headers, { id, status: "Active" }), 409, messages.cancelledCannotBeModified(id));
  });

  test("no customer goes back to Draft once activated", async () => {
    const { headers } = await ctx.newAccount();
    const { id } = await createCustomer(headers);
    assert.equal((await put(headers, { id, status: "Active" })).statusCode, 200);
    assertError(await put(headers, { id, status: "Draft" }), 409, messages.cannotReturnToDraft(id));
    const held = await put(headers, { id, status: "hold" });
    assert.equal(held.statusCode, 200, held.body);
    assert.equal(held.json().status, "Hold", held.body);
    assertError(await put(headers, { id, status: "Draft" }), 409, messages.cannotReturnToDraft(id));
    const reactivated = await put(headers, { id, status: "Active" });
    assert.equal(reactivated.json().status, "Active", reactivated.body);
  });
});
