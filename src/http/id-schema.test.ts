import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { HTTPMethods } from "fastify";
import { createCustomer } from "../testing/integration-test-kit.ts";
import { describeOnEachBackend, type TestAccount } from "../testing/test-app.ts";

type Response = { statusCode: number; body: string; json(): unknown };

/** A 400 in the envelope whose text starts with the name of the field that holds the id. */
function assertIdRefused(response: Response, field: string, context: string): void {
  assert.equal(response.statusCode, 400, `${context}: ${response.body}`);
  const body = response.json() as { ErrorId: number; HttpStatusCode: number; Errors: { Value: string }[] };
  assert.equal(body.ErrorId, 0, `${context}: ${response.body}`);
  assert.equal(body.HttpStatusCode, 400, `${context}: ${response.body}`);
  assert.ok(body.Errors[0]?.Value.startsWith(`${field} `), `${context}: ${response.body}`);
}

/*
 * Ids as a client can send them outside 1 … 2^63-1: JSON numbers that are
 * integers to a validator but no bigint to PostgreSQL, the relaxed-JSON
 * -Infinity, and one past the bigint range on either side.
 */
const BODY_IDS = [
  "-1e20",
  "1e20",
  "-Infinity",
  '"-Infinity"',
  "-9223372036854775809",
  "9223372036854775808",
  '"-9223372036854775809"',
  "0",
  "-1",
];
const PATH_IDS = ["-1e20", "-Infinity", "-9223372036854775809", "9223372036854775808", "0", "-1"];

describeOnEachBackend("ids outside 1 … 2^63-1", (ctx) => {
  let account: TestAccount;
  let id: number;
  let stored: string;

  before(async () => {
    account = await ctx.newAccount();
    id = await createCustomer(ctx, account, { firstName: "Ida" });
    stored = (await read()).body;
  });

  const read = () => ctx.app.inject({ method: "GET", url: `/v1/customers/${id}`, headers: account.headers });
  const send = (method: HTTPMethods, url: string, payload?: string) =>
    ctx.app.inject({ method, url, headers: account.headers, ...(payload === undefined ? {} : { payload }) });

  test("an id in a body is a 400 naming the field, never a 500, and changes nothing", async () => {
    const bodies: [string, string, (value: string) => string][] = [
      ["PUT /v1/customers", "id", (v) => `{"id":${v},"status":"Draft","firstName":"Changed"}`],
      ["PUT /v1/customers", "parentId", (v) => `{"id":${id},"status":"Draft","parentId":${v}}`],
      ["POST /v1/customers", "parentId", (v) => `{"firstName":"New","parentId":${v}}`],
      ["POST /v1/customerActivation", "customerId", (v) => `{"customerId":${v}}`],
      ["POST /v1/customers/unHold", "customerId", (v) => `{customerId:${v},serviceStartOption:'None'}`],
      ["POST /v1/customerCancellation", "customerId", (v) => `{customerId:${v},cancellationOption:'None'}`],
      ["POST /v1/HubSpot/latchCustomer", "fusebillId", (v) => `{"fusebillId":${v},"hubSpotId":1}`],
      ["POST /v1/HubSpot/latchCustomer", "hubSpotId", (v) => `{"fusebillId":${id},"hubSpotId":${v}}`],
      [
        "POST /v1/Salesforce/Latch",
        "fusebillId",
        (v) => `{fusebillId:${v},salesforceId:'0014100000JJ3wtAAD'}`,
      ],
      ["POST /v1/NetSuite/LatchCustomer", "fusebillId", (v) => `{fusebillId:${v},netsuiteId:'1744203'}`],
      ["POST /v1/NetSuite/UnLatchCustomer", "fusebillId", (v) => `{fusebillId:${v}}`],
    ];
    for (const [route, field, body] of bodies) {
      const [method, url] = route.split(" ") as [HTTPMethods, string];
      for (const value of BODY_IDS) {
        const response = await send(method, url, body(value));
        assertIdRefused(response, field, `${route} ${field}=${value}`);
      }
    }
    assert.equal((await read()).body, stored, "a refused request changed the customer");
  });

  test("an id in a path is a 400 naming the parameter on every route that takes one", async () => {
    const paths: [HTTPMethods, string, string][] = [
      ["GET", "/v1/customers/{}", "id"],
      ["GET", "/v1/customers/{}/sync", "id"],
      ["POST", "/v1/CustomerHold/{}", "id"],
      ["POST", "/v1/customers/uncancel/{}", "id"],
      ["POST", "/v1/HubSpot/UnlatchCustomer/{}", "customerId"],
      ["POST", "/v1/NetSuite/UnLatchCustomer/{}", "customerId"],
      ["POST", "/v1/Netsuite/EnableSynch/{}", "customerId"],
      ["POST", "/v1/Netsuite/DisableSynch/{}", "customerId"],
      ["POST", "/v1/Salesforce/EnableSynch/{}", "customerId"],
      ["POST", "/v1/Salesforce/DisableSynch/{}", "customerId"],
    ];
    for (const [method, pattern, field] of paths) {
      for (const value of PATH_IDS) {
        const url = pattern.replace("{}", encodeURIComponent(value));
        assertIdRefused(await send(method, url), field, `${method} ${url}`);
      }
    }
    assert.equal((await read()).body, stored, "a refused request changed the customer");
  });

  test("an id filter of the customer list takes only ids, in a list or as a range bound", async () => {
    for (const name of ["id", "parentId"]) {
      for (const value of ["0", "-1", "-1e20", "-Infinity", "-9223372036854775809", "9223372036854775808"]) {
        for (const condition of [`${name}:${value}`, `${name}:${id},${value}`, `${name}:${value}|`]) {
          const url = `/v1/customers?query=${encodeURIComponent(condition)}`;
          const response = await send("GET", url);
          assert.equal(response.statusCode, 400, `${url}: ${response.body}`);
          const text = (response.json() as { Errors: { Value: string }[] }).Errors[0]?.Value ?? "";
          assert.match(text, new RegExp(`^Invalid query: filter '${name}' does not accept`), response.body);
        }
      }
    }
    const fine = await send("GET", `/v1/customers?query=${encodeURIComponent(`id:${id}|`)}`);
    assert.equal(fine.statusCode, 200, fine.body);
    assert.equal(fine.headers["x-count"], "1", fine.body);
  });
});
