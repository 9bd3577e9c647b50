import assert from "node:assert/strict";
import { test } from "node:test";
import { describeOnEachBackend } from "../../testing/test-app.ts";
import { statusTestSupport } from "./status-test-support.ts";

/** The row lock must make a status change check-and-write atomic: one winner per starting status. */
describeOnEachBackend("concurrent status changes of one customer", (ctx) => {
  const { post, customerIn, getCustomer } = statusTestSupport(ctx);

  test("of ten concurrent holds of an Active customer exactly one succeeds", async () => {
    const { headers } = await ctx.newAccount();
    const id = await customerIn("Active", headers);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => post(`/v1/CustomerHold/${id}`, headers)),
    );
    const codes = responses.map((response) => response.statusCode).sort();
    const bodies = responses.map((response) => response.body).join("\n");
    assert.deepEqual(codes, [200, ...Array(9).fill(409)], bodies);
    assert.equal((await getCustomer(id, headers)).status, "Hold", bodies);
  });

  test("of ten concurrent cancellations exactly one succeeds", async () => {
    const { headers } = await ctx.newAccount();
    const id = await customerIn("Active", headers);
    const body = { customerId: id, cancellationOption: "None" };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => post("/v1/customerCancellation", headers, body)),
    );
    const codes = responses.map((response) => response.statusCode).sort();
    const bodies = responses.map((response) => response.body).join("\n");
    assert.deepEqual(codes, [200, ...Array(9).fill(409)], bodies);
    assert.equal((await getCustomer(id, headers)).status, "Cancelled", bodies);
  });

  test("of five holds and five cancellations racing, one cancellation wins and at most one hold precedes it", async () => {
    const { headers } = await ctx.newAccount();
    const id = await customerIn("Active", headers);
    const body = { customerId: id, cancellationOption: "None" };
    const holds = Array.from({ length: 5 }, () => post(`/v1/CustomerHold/${id}`, headers));
    const cancels = Array.from({ length: 5 }, () => post("/v1/customerCancellation", headers, body));
    const [holdResponses, cancelResponses] = await Promise.all([Promise.all(holds), Promise.all(cancels)]);
    const bodies = [...holdResponses, ...cancelResponses].map((response) => response.body).join("\n");
    for (const response of [...holdResponses, ...cancelResponses]) {
      assert.ok([200, 409].includes(response.statusCode), response.body);
    }
    const won = (responses: typeof holdResponses) => responses.filter((r) => r.statusCode === 200).length;
    assert.equal(won(cancelResponses), 1, bodies);
    assert.ok(won(holdResponses) <= 1, bodies);
    assert.equal((await getCustomer(id, headers)).status, "Cancelled", bodies);
  });
});
