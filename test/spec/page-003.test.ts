/**
 * Spec page 003 (PUT /v1/customers): every example of the page, sent byte for
 * byte as examples.json holds it (ids filled in), against the customers of
 * fixtures/spec-examples.json, asserting what the page shows.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { before, test } from "node:test";
import { ensureDefaultAccount } from "../../src/accounts/account-service.ts";
import { generateApiKey } from "../../src/accounts/api-key.ts";
import { loadFixtureFile } from "../../src/fixtures/load-fixtures.ts";
import { describeOnEachBackend } from "../../src/testing/test-app.ts";

interface SpecExample {
  page: string;
  client: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | null;
  body_file?: string;
}

const here = import.meta.dirname;
const examples = (
  JSON.parse(readFileSync(path.join(here, "examples.json"), "utf8")) as { examples: SpecExample[] }
).examples.filter((example) => example.page === "003");
/** examples.json points at the page itself; the block is copied out of it verbatim. */
const payloadBlock = readFileSync(path.join(here, "page-003-payload-block.txt"), "utf8");
const silent = { info: () => {}, warn: () => {} };

/** The fields of the page's Response block that a PUT answers with (CRM links are the latch endpoints'). */
const PAGE_RESPONSE = {
  firstName: "Katelyn",
  middleName: "Kent",
  lastName: "Floyd",
  companyName: "Ronbert",
  suffix: "Sr.",
  primaryEmail: "[email protected]",
  primaryPhone: "9964413586",
  secondaryEmail: "[email protected]",
  secondaryPhone: "9555473089",
  title: "Miss",
  reference: "100986",
  status: "Active",
  customerAccountStatus: "Good",
  currency: "USD",
  monthlyRecurringRevenue: 250,
  netMonthlyRecurringRevenue: 220,
  netsuiteCustomerType: "Individual",
  portalUserName: "Katelyn1974",
  parentId: 12000749,
  quickBooksLatchType: null,
  quickBooksId: null,
  quickBooksSyncToken: null,
  geotabId: "7813",
  id: 12000750,
};

test("examples.json holds the four page-003 examples this file covers", () => {
  assert.deepEqual(
    examples.map((example) => example.client),
    ["curl", "csharp", "python", "page payload block"],
  );
  for (const example of examples) {
    assert.equal(`${example.method} ${example.path}`, "PUT /v1/customers", JSON.stringify(example));
  }
  assert.match(payloadBlock, /^\{\n"firstName": "Katelyn",\n/);
  assert.match(payloadBlock, /"primaryPhone": 9964413586,/);
});

describeOnEachBackend("spec page 003 examples", (ctx) => {
  let authorization: string;

  before(async () => {
    const apiKey = generateApiKey();
    await ensureDefaultAccount(ctx.db, apiKey);
    authorization = `Basic ${apiKey}`;
    await loadFixtureFile(ctx.db, path.join(here, "../../fixtures/spec-examples.json"), silent);
  });

  function example(client: string): SpecExample {
    const found = examples.find((candidate) => candidate.client === client);
    if (!found) throw new Error(`no page-003 ${client} example`);
    return found;
  }

  async function send(spec: SpecExample, body: string) {
    return ctx.app.inject({
      method: spec.method as "PUT",
      url: spec.path,
      headers: { ...spec.headers, authorization },
      payload: body,
    });
  }

  async function get(id: number) {
    const response = await ctx.app.inject({
      method: "GET",
      url: `/v1/customers/${id}`,
      headers: { authorization },
    });
    assert.equal(response.statusCode, 200, response.body);
    return response.json();
  }

  test("the curl example (unquoted keys, single quotes, Status) activates a Draft customer", async () => {
    const created = await ctx.app.inject({
      method: "POST",
      url: "/v1/customers",
      headers: { authorization, "content-type": "application/json" },
      payload: { firstName: "Jane", primaryEmail: "jane@example.com", reference: "r-1" },
    });
    assert.equal(created.statusCode, 200, created.body);
    const spec = example("curl");
    const response = await send(spec, (spec.body as string).replace("{id}", String(created.json().id)));
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    assert.equal(body.id, created.json().id, response.body);
    assert.equal(body.title, "Mr", response.body);
    assert.equal(body.firstName, "John", response.body);
    assert.equal(body.lastName, "Smith", response.body);
    assert.equal(body.companyName, "Acme Inc.", response.body);
    assert.equal(body.status, "Active", response.body);
    assert.equal(body.canChangeCurrency, false, response.body);
    assert.equal(body.primaryEmail, null, `fields not sent are nulled: ${response.body}`);
    assert.equal(body.reference, null, `fields not sent are nulled: ${response.body}`);
  });

  test("the C# example (single-quoted JSON with read-only fields) cancels customer 169458", async () => {
    const spec = example("csharp");
    const response = await send(spec, spec.body as string);
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    const expected = {
      firstName: "John",
      middleName: "B",
      lastName: "Smith",
      companyName: "Acme Inc",
      suffix: "Sr",
      primaryEmail: "[email protected]",
      primaryPhone: "809997777",
      secondaryEmail: "[email protected]",
      secondaryPhone: "1 (800) 445-6000",
      title: "Mr",
      reference: null,
      status: "Cancelled",
      customerAccountStatus: "Good",
      currency: "USD",
      canChangeCurrency: false,
      parentId: null,
      portalUserName: null,
      netsuiteCustomerType: "",
      id: 169458,
    };
    for (const [field, value] of Object.entries(expected)) {
      assert.deepEqual(body[field], value, `${field}: ${response.body}`);
    }
    assert.deepEqual(body.customerReference.salesTrackingCodes, [], response.body);
    assert.equal(body.customerReference.id, 169458, response.body);
    assert.equal(body.customerAcquisition.id, 169458, response.body);
    assert.deepEqual(await get(169458), body);

    const again = await send(spec, spec.body as string);
    assert.equal(again.statusCode, 409, `a Cancelled customer cannot be modified: ${again.body}`);
  });

  test("the Python example (json.dumps of the page's dict) replaces customer 183365", async () => {
    const spec = example("python");
    const response = await send(spec, spec.body as string);
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    assert.equal(body.id, 183365, response.body);
    assert.equal(body.firstName, "john", response.body);
    assert.equal(body.lastName, "smith", response.body);
    assert.equal(body.status, "Active", response.body);
    assert.equal(body.currency, "USD", `an omitted currency keeps the customer's: ${response.body}`);
  });

  test("the payload block (numbers for string fields, read-only fields) answers the page's Response", async () => {
    const before = await get(12000750);
    const response = await send(example("page payload block"), payloadBlock);
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    for (const [field, value] of Object.entries(PAGE_RESPONSE)) {
      assert.deepEqual(body[field], value, `${field}: ${response.body}`);
    }
    const { uri: _uri, ...reference } = body.customerReference;
    assert.deepEqual(
      reference,
      { reference1: null, reference2: "customValue", reference3: null, salesTrackingCodes: [], id: 12000750 },
      response.body,
    );
    assert.equal(body.customerAcquisition.id, 12000750, response.body);
    assert.match(body.uri, /\/v1\/customers\/12000750$/, response.body);
    assert.equal(Date.parse(body.createdTimestamp), Date.parse("2018-01-01T03:33:33.02Z"), response.body);
    assert.ok(body.modifiedTimestamp > before.modifiedTimestamp, response.body);
    assert.equal((await get(12000749)).isParent, true);
  });
});
