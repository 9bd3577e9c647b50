import assert from "node:assert/strict";
import type { LightMyRequestResponse } from "fastify";
import type { TestContext } from "../../testing/test-app.ts";
import { CustomerStatus } from "./status-rules.ts";

/** Helpers shared by the status endpoint tests. */
export function statusTestSupport(ctx: TestContext) {
  async function post(
    url: string,
    headers: Record<string, string>,
    payload?: string | object,
  ): Promise<LightMyRequestResponse> {
    return ctx.app.inject({ method: "POST", url, headers, ...(payload === undefined ? {} : { payload }) });
  }

  async function createCustomer(headers: Record<string, string>): Promise<number> {
    const response = await post("/v1/customers", headers, { firstName: "Jane", lastName: "Doe" });
    assert.equal(response.statusCode, 200, response.body);
    return response.json().id;
  }

  /** Reaches `status` the way a client would (Suspended, which only the system sets, is written directly). */
  async function customerIn(status: CustomerStatus, headers: Record<string, string>): Promise<number> {
    const id = await createCustomer(headers);
    if (status === CustomerStatus.Draft) return id;
    const activate = await post("/v1/customerActivation", headers, {
      customerId: id,
      activateAllSubscriptions: true,
      activateAllDraftPurchases: true,
      temporarilyDisableAutoPost: false,
    });
    assert.equal(activate.statusCode, 200, activate.body);
    if (status === CustomerStatus.Hold) {
      const hold = await post(`/v1/CustomerHold/${id}`, headers);
      assert.equal(hold.statusCode, 200, hold.body);
    } else if (status === CustomerStatus.Cancelled) {
      const cancel = await post("/v1/customerCancellation", headers, {
        customerId: id,
        cancellationOption: "None",
      });
      assert.equal(cancel.statusCode, 200, cancel.body);
    } else if (status === CustomerStatus.Suspended) {
      await ctx.db.updateTable("customers").set({ status }).where("id", "=", id).execute();
    }
    return id;
  }

  async function getCustomer(id: number, headers: Record<string, string>) {
    const response = await ctx.app.inject({ method: "GET", url: `/v1/customers/${id}`, headers });
    assert.equal(response.statusCode, 200, response.body);
    return response.json();
  }

  /** Moves the customer's modifiedTimestamp into the past, so that a change is visible whatever the clock does. */
  async function backdate(id: number): Promise<string> {
    await ctx.db
      .updateTable("customers")
      .set({ modifiedTimestamp: new Date("2020-01-01T00:00:00Z") })
      .where("id", "=", id)
      .execute();
    return "2020-01-01T00:00:00.0000000Z";
  }

  return { post, createCustomer, customerIn, getCustomer, backdate };
}

export function assertError(response: LightMyRequestResponse, status: number, message: string): void {
  assert.equal(response.statusCode, status, response.body);
  assert.deepEqual(
    response.json(),
    { ErrorId: 0, HttpStatusCode: status, Errors: [{ Key: "Api Error", Value: message }] },
    response.body,
  );
}
