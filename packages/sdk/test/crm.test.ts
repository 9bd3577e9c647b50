import assert from "node:assert/strict";
import { it } from "node:test";
import { describeOnEachBackend } from "../../../src/testing/test-app.ts";
import type { ApiResult } from "../src/index.ts";
import { liveServer } from "./live-server.ts";

/*
 * The CRM resources against a live server whose accounts use the built-in
 * sandbox CRMs (seeded with Salesforce Account 0014100000JJ3wtAAD, HubSpot
 * contact 101 and company 202, NetSuite customer 1744203).
 */

function dataOf<T>(result: ApiResult<T>): T {
  assert.equal(result.error, undefined, JSON.stringify(result.error));
  return result.data as T;
}

const SALESFORCE_ACCOUNT = "0014100000JJ3wtAAD";

describeOnEachBackend("the SDK's CRM resources against a live server", (ctx) => {
  const server = liveServer(ctx);

  it("latches a customer to Salesforce and switches its synch on and off", async () => {
    const client = await server.newClient();
    const { id } = dataOf(await client.customers.create({ companyName: "Stolen Bikes" }));
    const latched = dataOf(
      await client.salesforce.latch({ fusebillId: id, salesforceId: SALESFORCE_ACCOUNT }),
    );
    assert.equal(latched.salesforceId, SALESFORCE_ACCOUNT, JSON.stringify(latched));
    const enabled = dataOf(await client.salesforce.enableSynch(id));
    assert.equal(enabled.salesforceSynchStatus, "Enabled", JSON.stringify(enabled));
    const disabled = dataOf(await client.salesforce.disableSynch(id));
    assert.equal(disabled.salesforceSynchStatus, "Disabled", JSON.stringify(disabled));
  });

  it("returns the envelope when Salesforce has no such Account", async () => {
    const client = await server.newClient();
    const { id } = dataOf(await client.customers.create({ companyName: "Nobody" }));
    const result = await client.salesforce.latch({ fusebillId: id, salesforceId: "0014100000XXXXXXXX" });
    assert.deepEqual(
      result.error,
      {
        ErrorId: 0,
        HttpStatusCode: 400,
        Errors: [{ Key: "Api Error", Value: "Salesforce Account 0014100000XXXXXXXX does not exist." }],
      },
      JSON.stringify(result),
    );
  });

  it("latches a customer to a HubSpot contact and company, then unlatches both", async () => {
    const client = await server.newClient();
    const { id } = dataOf(await client.customers.create({ firstName: "Hub", lastName: "Spot" }));
    const latched = dataOf(
      await client.hubspot.latchCustomer({ fusebillId: id, hubSpotId: 101, hubSpotCompanyId: 202 }),
    );
    assert.equal(latched.hubSpotId, 101, JSON.stringify(latched));
    assert.equal(latched.hubSpotCompanyId, 202, JSON.stringify(latched));
    const unlatched = dataOf(await client.hubspot.unlatchCustomer(id));
    assert.equal(unlatched.hubSpotId, null, JSON.stringify(unlatched));
    assert.equal(unlatched.hubSpotCompanyId, null, JSON.stringify(unlatched));
  });

  it("returns the spec's envelope for a HubSpot contact that does not exist", async () => {
    const client = await server.newClient();
    const { id } = dataOf(await client.customers.create({ firstName: "Hub" }));
    const result = await client.hubspot.latchCustomer({ fusebillId: id, hubSpotId: 999_999 });
    assert.equal(result.error?.HttpStatusCode, 400, JSON.stringify(result));
    assert.equal(
      result.error?.Errors[0]?.Value,
      "The was an error getting the contact from HubSpot: resource not found",
      JSON.stringify(result),
    );
  });

  it("latches a customer to NetSuite, enables and disables its synch, and unlatches it", async () => {
    const client = await server.newClient();
    const { id } = dataOf(await client.customers.create({ companyName: "Suite Co" }));
    const latched = dataOf(await client.netsuite.latchCustomer({ fusebillId: id, netsuiteId: "1744203" }));
    assert.equal(latched.netsuiteId, "1744203", JSON.stringify(latched));
    const enabled = dataOf(await client.netsuite.enableSynch(id));
    assert.equal(enabled.netsuiteSynchStatus, "Enabled", JSON.stringify(enabled));
    const disabled = dataOf(await client.netsuite.disableSynch(id));
    assert.equal(disabled.netsuiteSynchStatus, "Disabled", JSON.stringify(disabled));
    const unlatched = dataOf(await client.netsuite.unlatchCustomer(id));
    assert.equal(unlatched.netsuiteId, null, JSON.stringify(unlatched));
  });

  it("latches to NetSuite through enableSynch when given a netsuiteId", async () => {
    const client = await server.newClient();
    const { id } = dataOf(await client.customers.create({ companyName: "Enable Co" }));
    const enabled = dataOf(await client.netsuite.enableSynch(id, { netsuiteId: "1744203" }));
    assert.equal(enabled.netsuiteId, "1744203", JSON.stringify(enabled));
    assert.equal(enabled.netsuiteSynchStatus, "Enabled", JSON.stringify(enabled));
  });

  it("returns a 404 envelope when enabling the synch of a customer that does not exist", async () => {
    const client = await server.newClient();
    const result = await client.netsuite.enableSynch(987_654_321);
    assert.equal(result.error?.HttpStatusCode, 404, JSON.stringify(result));
  });

  it("reads, configures and removes a CRM connection", async () => {
    const client = await server.newClient();
    const before = dataOf(await client.integrations.get("hubspot"));
    assert.equal(before.source, "sandbox", JSON.stringify(before));
    const configured = dataOf(
      await client.integrations.configure("hubspot", {
        baseUrl: `${server.url}/sandbox/hubspot`,
        credentials: { accessToken: "pat-test" },
      }),
    );
    assert.equal(configured.source, "configured", JSON.stringify(configured));
    assert.ok(!JSON.stringify(configured).includes("pat-test"), JSON.stringify(configured));
    dataOf(await client.integrations.remove("hubspot"));
    assert.equal(dataOf(await client.integrations.get("hubspot")).source, "sandbox");
  });

  it("reads the sync state of the account and of a customer, and replays dead letters", async () => {
    const client = await server.newClient();
    const { id } = dataOf(await client.customers.create({ firstName: "Sync" }));
    dataOf(await client.hubspot.latchCustomer({ fusebillId: id, hubSpotId: 101 }));
    const account = dataOf(await client.sync.status());
    assert.equal(account.hubspot.dead, 0, JSON.stringify(account));
    assert.equal(typeof account.hubspot.pending, "number", JSON.stringify(account));
    const customer = dataOf(await client.sync.customer(id));
    assert.equal(customer.customerId, id, JSON.stringify(customer));
    assert.equal(customer.hubspot.linkedId, "101", JSON.stringify(customer));
    assert.equal(customer.hubspot.syncEnabled, true, JSON.stringify(customer));
    assert.deepEqual(dataOf(await client.sync.replay("hubspot")), { replayed: 0 });
    assert.deepEqual(dataOf(await client.sync.replay()), { replayed: 0 });
  });
});
