import assert from "node:assert/strict";
import { test } from "node:test";
import { describeOnEachBackend, type TestContext } from "../../testing/test-app.ts";
import { putStatusRulesDescription, transitionPhrase } from "./status-docs.ts";
import {
  CUSTOMER_STATUSES,
  type CustomerStatus,
  endpointRefusalText,
  putRefusal,
  putRefusalText,
  STATUS_ACTIONS,
  STATUS_ENDPOINTS,
  STATUS_TABLE,
  type StatusAction,
  type StatusEndpoint,
} from "./status-rules.ts";

/*
 * The status table (status-rules.ts) is the one statement of the status
 * rules; these tests check that what the API does and documents is derived
 * from it: every (status, endpoint) and (status, PUT status) pair answers as
 * the table says, and the OpenAPI descriptions carry the table's words.
 */

/** A valid body for each endpoint (a new endpoint in the table must be given one here). */
const BODIES: Record<StatusAction, (id: number) => object | undefined> = {
  activate: (id) => ({
    customerId: id,
    activateAllSubscriptions: true,
    activateAllDraftPurchases: true,
    temporarilyDisableAutoPost: false,
  }),
  hold: () => undefined,
  unhold: (id) => ({ customerId: id, serviceStartOption: "ChargeForCurrentFullPeriod" }),
  cancel: (id) => ({ customerId: id, cancellationOption: "None" }),
  uncancel: () => undefined,
};

/** What the table says a PUT may do, read from its rows rather than from putRefusal. */
function tableAllowsPut(from: CustomerStatus, to: CustomerStatus): boolean {
  if (STATUS_TABLE[from].putFrom) return false;
  if (from === to) return true;
  if (STATUS_TABLE[to].putInto) return false;
  return Object.values<StatusEndpoint>(STATUS_ENDPOINTS).some(
    (endpoint) => endpoint.to === to && endpoint.from.includes(from),
  );
}

/** A new customer of the account, put in `status` directly (Suspended has no endpoint to reach it). */
async function customerIn(ctx: TestContext, headers: Record<string, string>, status: CustomerStatus) {
  const created = await ctx.app.inject({
    method: "POST",
    url: "/v1/customers",
    headers,
    payload: { firstName: "Before" },
  });
  assert.equal(created.statusCode, 200, created.body);
  const id: number = created.json().id;
  await ctx.db.updateTable("customers").set({ status }).where("id", "=", id).execute();
  return id;
}

async function readCustomer(ctx: TestContext, headers: Record<string, string>, id: number) {
  const read = await ctx.app.inject({ method: "GET", url: `/v1/customers/${id}`, headers });
  assert.equal(read.statusCode, 200, read.body);
  return read.json();
}

describeOnEachBackend("the customer status table", (ctx) => {
  for (const action of STATUS_ACTIONS) {
    const endpoint: StatusEndpoint = STATUS_ENDPOINTS[action];
    test(`${action} moves each status its row lists to ${endpoint.to} and refuses every other with the row's error`, async () => {
      const { headers } = await ctx.newAccount();
      for (const from of CUSTOMER_STATUSES) {
        const id = await customerIn(ctx, headers, from);
        const payload = BODIES[action](id);
        const response = await ctx.app.inject({
          method: "POST",
          url: endpoint.path.replace(":id", String(id)),
          headers,
          ...(payload ? { payload } : {}),
        });
        const after = await readCustomer(ctx, headers, id);
        const where = `${action} from ${from}: ${response.body}`;
        if (endpoint.from.includes(from)) {
          assert.equal(response.statusCode, 200, where);
          assert.equal(response.json().status, endpoint.to, where);
          assert.equal(after.status, endpoint.to, where);
        } else {
          assert.equal(response.statusCode, endpoint.refused.status, where);
          assert.equal(response.json().Errors[0].Value, endpointRefusalText(action, id, from), where);
          assert.equal(after.status, from, where);
        }
      }
    });
  }

  for (const from of CUSTOMER_STATUSES) {
    test(`a PUT from ${from} reaches the statuses the table allows and is refused the others with the table's error`, async () => {
      const { headers } = await ctx.newAccount();
      for (const to of CUSTOMER_STATUSES) {
        const id = await customerIn(ctx, headers, from);
        const response = await ctx.app.inject({
          method: "PUT",
          url: "/v1/customers",
          headers,
          payload: { id, status: to, firstName: "After" },
        });
        const after = await readCustomer(ctx, headers, id);
        const where = `PUT ${from} → ${to}: ${response.body}`;
        const refusal = putRefusal(from, to);
        assert.equal(refusal === undefined, tableAllowsPut(from, to), where);
        if (!refusal) {
          assert.equal(response.statusCode, 200, where);
          assert.equal(after.status, to, where);
          assert.equal(after.firstName, "After", where);
        } else {
          assert.equal(response.statusCode, refusal.status, where);
          assert.equal(response.json().Errors[0].Value, putRefusalText(id, from, to, refusal), where);
          assert.equal(after.status, from, where);
          assert.equal(after.firstName, "Before", where);
        }
      }
    });
  }

  test("the status routes' and PUT's OpenAPI descriptions are written from the table", async () => {
    const response = await ctx.app.inject({ method: "GET", url: "/openapi.json" });
    assert.equal(response.statusCode, 200, response.body);
    const paths = response.json().paths as Record<
      string,
      Record<string, { operationId: string; description: string }>
    >;
    for (const action of STATUS_ACTIONS) {
      const endpoint: StatusEndpoint = STATUS_ENDPOINTS[action];
      const operation = paths[endpoint.path.replace(":id", "{id}")]?.post;
      assert.equal(operation?.operationId, endpoint.operationId, `${action}: ${JSON.stringify(operation)}`);
      const phrase = transitionPhrase(action);
      assert.ok(operation.description.startsWith(`${phrase}.`), `${action}: ${operation.description}`);
      for (const status of [...endpoint.from, endpoint.to]) {
        const named = phrase.includes(status) || phrase.startsWith(`Any status but ${endpoint.to}`);
        assert.ok(named, `${action}'s phrase accounts for ${status}: ${phrase}`);
      }
    }
    const put = paths["/v1/customers"]?.put;
    const rules = putStatusRulesDescription();
    assert.ok(put?.description.endsWith(rules), `PUT: ${put?.description}`);
    for (const from of CUSTOMER_STATUSES) {
      for (const to of CUSTOMER_STATUSES) {
        if (from === to || !tableAllowsPut(from, to)) continue;
        assert.match(rules, new RegExp(`${from} to [A-Za-z ]*\\b${to}\\b`), `PUT ${from} → ${to}: ${rules}`);
      }
    }
  });
});
