import assert from "node:assert/strict";
import { it } from "node:test";
import { describeOnEachBackend } from "../../../src/testing/test-app.ts";
import { type ApiResult, type Customer, LatchworkApiError, LatchworkClient } from "../src/index.ts";
import { liveServer } from "./live-server.ts";

/** The data of a result that must have succeeded; the assertion message carries the envelope otherwise. */
function dataOf<T>(result: ApiResult<T>): T {
  assert.equal(result.error, undefined, JSON.stringify(result.error));
  return result.data as T;
}

function envelope(status: number, message: string) {
  return { ErrorId: 0, HttpStatusCode: status, Errors: [{ Key: "Api Error", Value: message }] };
}

describeOnEachBackend("the SDK's customers resource against a live server", (ctx) => {
  const server = liveServer(ctx);

  it("creates a customer and reads it back with get", async () => {
    const client = await server.newClient();
    const created = dataOf(
      await client.customers.create({ firstName: "John", lastName: "Smith", companyName: "Acme Inc." }),
    );
    assert.equal(created.status, "Draft", JSON.stringify(created));
    assert.equal(created.currency, "USD", JSON.stringify(created));
    const read = dataOf(await client.customers.get(created.id));
    assert.deepEqual(read, created, JSON.stringify(read));
  });

  it("creates a customer with no fields at all", async () => {
    const client = await server.newClient();
    const created = dataOf(await client.customers.create());
    assert.equal(created.firstName, null, JSON.stringify(created));
  });

  it("returns the Fusebill envelope for a customer that does not exist", async () => {
    const client = await server.newClient();
    const result = await client.customers.get(987_654_321);
    assert.deepEqual(
      result.error,
      envelope(404, "Customer with id 987654321 not found."),
      JSON.stringify(result),
    );
    assert.equal(result.response.status, 404, JSON.stringify(result.error));
  });

  it("does not show one account's customer to another account's key", async () => {
    const owner = await server.newClient();
    const stranger = await server.newClient();
    const created = dataOf(await owner.customers.create({ firstName: "Mine" }));
    const result = await stranger.customers.get(created.id);
    assert.equal(result.error?.HttpStatusCode, 404, JSON.stringify(result));
  });

  it("returns the envelope of a validation error without retrying it", async () => {
    const attempts: number[] = [];
    const client = await server.newClient({ retry: { onRetry: (event) => attempts.push(event.attempt) } });
    const result = await client.customers.create({ firstName: "x".repeat(51) });
    assert.deepEqual(
      result.error,
      envelope(400, "firstName must be at most 50 characters long."),
      JSON.stringify(result),
    );
    assert.deepEqual(attempts, [], JSON.stringify(attempts));
  });

  it("sends the key as Authorization: Basic {key}, and an unknown key gets a 401 envelope", async () => {
    const client = new LatchworkClient({ apiKey: "bm90LWEta2V5", baseUrl: server.url });
    const result = await client.customers.get(1);
    assert.equal(result.error?.HttpStatusCode, 401, JSON.stringify(result));
    assert.match(
      result.error?.Errors[0]?.Value ?? "",
      /Authorization: Basic \{APIKey\}/,
      JSON.stringify(result),
    );
  });

  it("lists a page with its paging headers read as numbers", async () => {
    const client = await server.newClient();
    dataOf(await client.customers.create({ firstName: "P", lastName: "Other" }));
    for (const lastName of ["Sdkpage-a", "Sdkpage-b", "Sdkpage-c"]) {
      dataOf(await client.customers.create({ firstName: "P", lastName }));
    }
    const page = await client.customers.list({
      query: "lastName:Sdkpage*",
      pageSize: 2,
      sortOrder: "Descending",
      sortExpression: "lastName",
    });
    assert.equal(page.error, undefined, JSON.stringify(page.error));
    assert.deepEqual(
      page.data?.map((customer) => customer.lastName),
      ["Sdkpage-c", "Sdkpage-b"],
      JSON.stringify(page.data),
    );
    assert.deepEqual(
      page.paging,
      {
        count: 3,
        maxCount: 4,
        currentPage: 0,
        previousPage: -1,
        nextPage: 1,
        pageSize: 2,
        maxPageIndex: 1,
        sortOrder: "Descending",
        sortExpression: "lastName",
      },
      JSON.stringify(page.paging),
    );
  });

  it("iterates over every page of a query", async () => {
    const client = await server.newClient();
    const ids: number[] = [];
    for (let index = 0; index < 5; index++) {
      ids.push(dataOf(await client.customers.create({ lastName: `Sdkiter-${index}` })).id);
    }
    const seen: number[] = [];
    for await (const customer of client.customers.iterate({ query: "lastName:Sdkiter*", pageSize: 2 })) {
      seen.push(customer.id);
    }
    assert.deepEqual(seen.sort(), ids.sort(), JSON.stringify(seen));
  });

  it("rejects an iteration whose page fails with the envelope in a LatchworkApiError", async () => {
    const client = await server.newClient();
    const iterate = async () => {
      for await (const _customer of client.customers.iterate({ pageSize: 5000 })) {
        // the first page is refused
      }
    };
    await assert.rejects(iterate(), (error: unknown) => {
      assert.ok(error instanceof LatchworkApiError, String(error));
      assert.equal(error.status, 400, JSON.stringify(error.error));
      return true;
    });
  });

  it("replaces a customer with a get's data sent back with changes", async () => {
    const client = await server.newClient();
    const created = dataOf(await client.customers.create({ firstName: "Old", companyName: "Old Co" }));
    const replaced = dataOf(await client.customers.replace({ ...created, companyName: "New Co" }));
    assert.equal(replaced.companyName, "New Co", JSON.stringify(replaced));
    assert.equal(replaced.firstName, "Old", JSON.stringify(replaced));
    const read: Customer = dataOf(await client.customers.get(created.id));
    assert.equal(read.companyName, "New Co", JSON.stringify(read));
  });

  it("walks a customer through activate, hold, unhold, cancel and uncancel", async () => {
    const client = await server.newClient();
    const { id } = dataOf(await client.customers.create({ firstName: "Status" }));
    const preview = dataOf(await client.customers.activate({ customerId: id }, { preview: true }));
    assert.equal(preview.status, "Active", JSON.stringify(preview));
    assert.equal(dataOf(await client.customers.get(id)).status, "Draft", "a preview changes nothing");
    const active = dataOf(
      await client.customers.activate({
        customerId: id,
        activateAllSubscriptions: true,
        activateAllDraftPurchases: true,
        temporarilyDisableAutoPost: false,
      }),
    );
    assert.equal(active.status, "Active", JSON.stringify(active));
    assert.equal(dataOf(await client.customers.hold(id)).status, "Hold");
    const unheld = dataOf(
      await client.customers.unhold({ customerId: id, serviceStartOption: "NoChargesForMissedPeriods" }),
    );
    assert.equal(unheld.status, "Active", JSON.stringify(unheld));
    const cancelled = dataOf(await client.customers.cancel({ customerId: id, cancellationOption: "None" }));
    assert.equal(cancelled.status, "Cancelled", JSON.stringify(cancelled));
    assert.equal(dataOf(await client.customers.uncancel(id)).status, "Active");
  });

  it("returns a 409 envelope for a status change the customer's status does not allow", async () => {
    const client = await server.newClient();
    const { id } = dataOf(await client.customers.create({ firstName: "Draft" }));
    const result = await client.customers.hold(id);
    assert.equal(result.error?.HttpStatusCode, 409, JSON.stringify(result));
    assert.equal(result.error?.Errors[0]?.Key, "Api Error", JSON.stringify(result));
  });
});
