import assert from "node:assert/strict";
import { test } from "node:test";
import { describeOnEachBackend } from "../../testing/test-app.ts";

/** The fields of the NetSuite page's response (spec page 000), the fullest customer the pages show, in order. */
const SPEC_FIELD_ORDER = [
  "firstName",
  "middleName",
  "lastName",
  "companyName",
  "suffix",
  "primaryEmail",
  "primaryPhone",
  "secondaryEmail",
  "secondaryPhone",
  "title",
  "reference",
  "status",
  "customerAccountStatus",
  "currency",
  "canChangeCurrency",
  "customerReference",
  "customerAcquisition",
  "monthlyRecurringRevenue",
  "netMonthlyRecurringRevenue",
  "salesforceId",
  "salesforceAccountType",
  "salesforceSynchStatus",
  "netsuiteId",
  "netsuiteSynchStatus",
  "netsuiteCustomerType",
  "portalUserName",
  "parentId",
  "isParent",
  "quickBooksLatchType",
  "quickBooksId",
  "quickBooksSyncToken",
  "hubSpotId",
  "hubSpotCompanyId",
  "geotabId",
  "digitalRiverId",
  "modifiedTimestamp",
  "createdTimestamp",
  "requiresProjectedInvoiceGeneration",
  "requiresFinancialCalendarGeneration",
  "id",
  "uri",
];

describeOnEachBackend("POST /v1/customers", (ctx) => {
  async function post(headers: Record<string, string>, payload: object | string) {
    return ctx.app.inject({ method: "POST", url: "/v1/customers", headers, payload });
  }

  test("a blank customer is Draft, in the account's currency, with every field of the spec's response in its order", async () => {
    const { headers } = await ctx.newAccount();
    const response = await post(headers, {});
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    assert.deepEqual(Object.keys(body), SPEC_FIELD_ORDER, response.body);
    assert.equal(body.status, "Draft", response.body);
    assert.equal(body.customerAccountStatus, "Good", response.body);
    assert.equal(body.currency, "USD", response.body);
    assert.equal(body.canChangeCurrency, true, response.body);
    assert.equal(body.title, "", response.body);
    assert.equal(body.netsuiteCustomerType, "", response.body);
    assert.equal(body.monthlyRecurringRevenue, 0, response.body);
    assert.equal(body.isParent, false, response.body);
    assert.deepEqual(body.customerReference.salesTrackingCodes, [], response.body);
    assert.equal(body.customerReference.id, body.id, response.body);
    assert.equal(body.customerAcquisition.id, body.id, response.body);
    assert.match(body.uri, new RegExp(`/v1/customers/${body.id}$`), response.body);
    assert.match(body.createdTimestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/, response.body);
  });

  test("the README's curl body (relaxed JSON) creates the customer", async () => {
    const { headers } = await ctx.newAccount();
    const response = await post(headers, "{firstName:'John',lastName:'Smith',companyName:'Acme Inc.'}");
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().firstName, "John", response.body);
    assert.equal(response.json().companyName, "Acme Inc.", response.body);
  });

  test("a missing currency takes the account's default; a given one is taken in any case", async () => {
    const { headers } = await ctx.newAccount("CAD");
    const fallback = await post(headers, {});
    assert.equal(fallback.json().currency, "CAD", fallback.body);
    const given = await post(headers, { Currency: "eur" });
    assert.equal(given.json().currency, "EUR", given.body);
  });

  test("numbers sent for string fields are kept as strings", async () => {
    const { headers } = await ctx.newAccount();
    const response = await post(
      headers,
      '{"primaryPhone": 9964413586, "reference": 100986, "secondaryPhone": 9555473089}',
    );
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().primaryPhone, "9964413586", response.body);
    assert.equal(response.json().reference, "100986", response.body);
    assert.equal(response.json().secondaryPhone, "9555473089", response.body);
  });

  test("create validates like replace: lengths, enums, tracking codes", async () => {
    const { headers } = await ctx.newAccount();
    const cases: [object, string][] = [
      [{ lastName: "x".repeat(51) }, "lastName must be at most 50 characters long."],
      [
        { customerAcquisition: { campaign: "x".repeat(256) } },
        "customerAcquisition.campaign must be at most 255 characters long.",
      ],
      [{ title: "Prof" }, "title must be one of Mr, Mrs, Ms, Miss, Dr."],
      [
        {
          customerReference: {
            salesTrackingCodes: Array.from({ length: 6 }, () => ({ type: "t", code: "c" })),
          },
        },
        "customerReference.salesTrackingCodes can hold at most 5 items.",
      ],
    ];
    for (const [payload, text] of cases) {
      const response = await post(headers, payload);
      assert.equal(response.statusCode, 400, response.body);
      assert.equal(response.json().Errors[0].Value, text, response.body);
    }
  });

  test("every customer gets a new id", async () => {
    const { headers } = await ctx.newAccount();
    const first = (await post(headers, {})).json().id;
    const second = (await post(headers, {})).json().id;
    assert.ok(Number.isInteger(first) && second > first, `${first} then ${second}`);
  });
});
