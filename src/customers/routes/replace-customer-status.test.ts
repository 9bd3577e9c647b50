import assert from "node:assert/strict";
import { test } from "node:test";
import { describeOnEachBackend } from "../../testing/test-app.ts";
import { STATUSES, type Status } from "../customer-fields.ts";

/*
 * A PUT applies its status change in one conditional UPDATE when the rules
 * allow it and otherwise reads the customer to say which rule refused; both
 * must agree on every pair. Expected answers, from the status rules (spec
 * page 003 and the Service Status article): Cancelled is final, Suspended is
 * the system's alone, nobody returns to Draft, and Draft → Hold is not a move.
 */
const ALLOWED: Record<Status, Status[]> = {
  Draft: ["Draft", "Active", "Cancelled"],
  Active: ["Active", "Hold", "Cancelled"],
  Hold: ["Hold", "Active", "Cancelled"],
  Suspended: ["Suspended", "Cancelled"],
  Cancelled: [],
};

describeOnEachBackend("PUT /v1/customers status changes", (ctx) => {
  for (const from of STATUSES) {
    test(`from ${from}, a PUT reaches exactly the statuses the rules allow and leaves the rest unchanged`, async () => {
      const { headers } = await ctx.newAccount();
      for (const to of STATUSES) {
        const created = await ctx.app.inject({
          method: "POST",
          url: "/v1/customers",
          headers,
          payload: { firstName: "Before" },
        });
        assert.equal(created.statusCode, 200, created.body);
        const id: number = created.json().id;
        // Suspended is reachable only by the system: every start state is set directly
        await ctx.db.updateTable("customers").set({ status: from }).where("id", "=", id).execute();
        const response = await ctx.app.inject({
          method: "PUT",
          url: "/v1/customers",
          headers,
          payload: { id, status: to, firstName: "After" },
        });
        const read = await ctx.app.inject({ method: "GET", url: `/v1/customers/${id}`, headers });
        if (ALLOWED[from].includes(to)) {
          assert.equal(response.statusCode, 200, `${from} → ${to}: ${response.body}`);
          assert.equal(response.json().status, to, `${from} → ${to}: ${response.body}`);
          assert.equal(read.json().firstName, "After", `${from} → ${to}: ${read.body}`);
        } else {
          const expected = to === "Suspended" && from !== "Cancelled" ? 400 : 409;
          assert.equal(response.statusCode, expected, `${from} → ${to}: ${response.body}`);
          assert.equal(read.json().status, from, `${from} → ${to}: ${read.body}`);
          assert.equal(read.json().firstName, "Before", `${from} → ${to}: ${read.body}`);
        }
      }
    });
  }
});
