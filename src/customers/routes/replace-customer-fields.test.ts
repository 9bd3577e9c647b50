import assert from "node:assert/strict";
import { test } from "node:test";
import { describeOnEachBackend } from "../../testing/test-app.ts";

/** Every writable field of the customer, set. */
const FULL = {
  firstName: "Katelyn",
  middleName: "Kent",
  lastName: "Floyd",
  companyName: "Ronbert",
  suffix: "Sr.",
  primaryEmail: "katelyn@example.com; billing@example.com",
  primaryPhone: "996-441-3586",
  secondaryEmail: "kfloyd@example.com",
  secondaryPhone: "+1 (800) 445-6000",
  title: "Miss",
  reference: "ext-100986",
  currency: "EUR",
  customerReference: {
    reference1: "one",
    reference2: "customValue",
    reference3: "three",
    salesTrackingCodes: [
      { type: "Sales Tracking Code 1", code: "PARTNER" },
      { type: "Sales Tracking Code 2", code: "EAST" },
    ],
  },
  customerAcquisition: {
    adContent: "banner",
    campaign: "spring",
    keyword: "bikes",
    landingPage: "https://example.com/landing",
    medium: "email",
    source: "newsletter",
  },
  quickBooksLatchType: "DoNothing",
  quickBooksId: 42,
};

const STRING_FIELDS_50 = [
  "firstName",
  "middleName",
  "lastName",
  "companyName",
  "suffix",
  "primaryPhone",
  "secondaryPhone",
];
const STRING_FIELDS_255 = ["primaryEmail", "secondaryEmail", "reference"];
const REFERENCE_FIELDS = ["reference1", "reference2", "reference3"];
const ACQUISITION_FIELDS = ["adContent", "campaign", "keyword", "landingPage", "medium", "source"];

describeOnEachBackend("PUT /v1/customers fields", (ctx) => {
  async function create(headers: Record<string, string>, body: object = {}) {
    const response = await ctx.app.inject({ method: "POST", url: "/v1/customers", headers, payload: body });
    assert.equal(response.statusCode, 200, response.body);
    return response.json();
  }

  async function put(headers: Record<string, string>, body: object) {
    return ctx.app.inject({ method: "PUT", url: "/v1/customers", headers, payload: body });
  }

  async function get(headers: Record<string, string>, id: number) {
    const response = await ctx.app.inject({ method: "GET", url: `/v1/customers/${id}`, headers });
    assert.equal(response.statusCode, 200, response.body);
    return response.json();
  }

  function withoutModified(customer: Record<string, unknown>) {
    const { modifiedTimestamp: _modified, ...rest } = customer;
    return rest;
  }

  for (const status of ["Draft", "Active"]) {
    test(`PUTting back a GET of a ${status} customer with every writable field set changes only modifiedTimestamp`, async () => {
      const { headers } = await ctx.newAccount();
      const parent = await create(headers, { companyName: "Parent" });
      const { id } = await create(headers, { ...FULL, parentId: parent.id });
      if (status !== "Draft")
        assert.equal((await put(headers, { ...FULL, id, parentId: parent.id, status })).statusCode, 200);
      const read = await get(headers, id);
      const response = await put(headers, read);
      assert.equal(response.statusCode, 200, response.body);
      const written = response.json();
      assert.deepEqual(withoutModified(written), withoutModified(read), response.body);
      assert.ok(written.modifiedTimestamp > read.modifiedTimestamp, response.body);
      assert.deepEqual(await get(headers, id), written);
      for (const [field, value] of Object.entries(FULL)) {
        const actual = written[field];
        const comparable =
          typeof value === "object"
            ? Object.fromEntries(Object.keys(value).map((key) => [key, actual[key]]))
            : actual;
        assert.deepEqual(comparable, value, `${field}: ${response.body}`);
      }
      assert.equal((await get(headers, parent.id)).isParent, true);
    });
  }

  test('PUTting back a GET of a blank customer (title serialised as "") is lossless', async () => {
    const { headers } = await ctx.newAccount();
    const read = await get(headers, (await create(headers)).id);
    assert.equal(read.title, "", JSON.stringify(read));
    const response = await put(headers, read);
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(withoutModified(response.json()), withoutModified(read), response.body);
  });

  test("a PUT that omits the writable fields nulls every one of them", async () => {
    const { headers } = await ctx.newAccount();
    const parent = await create(headers);
    const { id } = await create(headers, { ...FULL, parentId: parent.id });
    const response = await put(headers, { id, status: "Draft" });
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    for (const field of [
      ...STRING_FIELDS_50,
      ...STRING_FIELDS_255,
      "parentId",
      "quickBooksLatchType",
      "quickBooksId",
    ]) {
      assert.equal(body[field], null, `${field}: ${response.body}`);
    }
    for (const field of REFERENCE_FIELDS)
      assert.equal(body.customerReference[field], null, `${field}: ${response.body}`);
    for (const field of ACQUISITION_FIELDS)
      assert.equal(body.customerAcquisition[field], null, `${field}: ${response.body}`);
    assert.deepEqual(body.customerReference.salesTrackingCodes, [], response.body);
    assert.equal(body.title, "", response.body);
    assert.equal(body.currency, "EUR", `an omitted currency keeps the customer's: ${response.body}`);
    assert.equal((await get(headers, parent.id)).isParent, false, "the former parent has no child left");
  });

  test("strings of the maximum length are accepted and one more character is refused with the field's name", async () => {
    const { headers } = await ctx.newAccount();
    const { id } = await create(headers);
    const cases: [string, number, (value: string) => object][] = [
      ...STRING_FIELDS_50.map((field): [string, number, (value: string) => object] => [
        field,
        50,
        (value) => ({ [field]: value }),
      ]),
      ...STRING_FIELDS_255.map((field): [string, number, (value: string) => object] => [
        field,
        255,
        (value) => ({ [field]: value }),
      ]),
      ...REFERENCE_FIELDS.map((field): [string, number, (value: string) => object] => [
        `customerReference.${field}`,
        255,
        (value) => ({ customerReference: { [field]: value } }),
      ]),
      ...ACQUISITION_FIELDS.map((field): [string, number, (value: string) => object] => [
        `customerAcquisition.${field}`,
        255,
        (value) => ({ customerAcquisition: { [field]: value } }),
      ]),
      [
        "customerReference.salesTrackingCodes[0].code",
        255,
        (value) => ({
          customerReference: { salesTrackingCodes: [{ type: "Sales Tracking Code 1", code: value }] },
        }),
      ],
    ];
    for (const [name, limit, body] of cases) {
      const fits = await put(headers, { id, status: "Draft", ...body("x".repeat(limit)) });
      assert.equal(fits.statusCode, 200, `${name}: ${fits.body}`);
      const tooLong = await put(headers, { id, status: "Draft", ...body("x".repeat(limit + 1)) });
      assert.equal(tooLong.statusCode, 400, `${name}: ${tooLong.body}`);
      assert.deepEqual(tooLong.json(), {
        ErrorId: 0,
        HttpStatusCode: 400,
        Errors: [{ Key: "Api Error", Value: `${name} must be at most ${limit} characters long.` }],
      });
    }
  });

  test("title and status take their values in any case and refuse others with the allowed list", async () => {
    const { headers } = await ctx.newAccount();
    const { id } = await create(headers);
    for (const [sent, stored] of [
      ["mr", "Mr"],
      ["MRS", "Mrs"],
      ["ms", "Ms"],
      ["miss", "Miss"],
      ["dR", "Dr"],
      ["", ""],
      [null, ""],
    ]) {
      const response = await put(headers, { id, status: "draft", title: sent });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().title, stored, response.body);
      assert.equal(response.json().status, "Draft", response.body);
    }
    const title = await put(headers, { id, status: "Draft", title: "Sir" });
    assert.equal(title.statusCode, 400, title.body);
    assert.equal(title.json().Errors[0].Value, "title must be one of Mr, Mrs, Ms, Miss, Dr.", title.body);
    const status = await put(headers, { id, status: "Closed" });
    assert.equal(status.statusCode, 400, status.body);
    assert.equal(
      status.json().Errors[0].Value,
      "status must be one of Draft, Active, Hold, Suspended, Cancelled.",
      status.body,
    );
    const quickBooks = await put(headers, { id, status: "Draft", quickBooksLatchType: "createnew" });
    assert.equal(quickBooks.json().quickBooksLatchType, "CreateNew", quickBooks.body);
  });

  test("id and status are required", async () => {
    const { headers } = await ctx.newAccount();
    const { id } = await create(headers);
    const noStatus = await put(headers, { id, firstName: "A" });
    assert.equal(noStatus.statusCode, 400, noStatus.body);
    assert.equal(noStatus.json().Errors[0].Value, "status is required.", noStatus.body);
    const noId = await put(headers, { status: "Draft" });
    assert.equal(noId.statusCode, 400, noId.body);
    assert.equal(noId.json().Errors[0].Value, "id is required.", noId.body);
  });

  test("an unknown id answers the spec's not-found text", async () => {
    const { headers } = await ctx.newAccount();
    const response = await put(headers, { id: 12, status: "Active" });
    assert.equal(response.statusCode, 404, response.body);
    assert.equal(response.json().Errors[0].Value, "Customer with id 12 not found.", response.body);
  });

  test("up to five sales tracking codes are kept in order, a sixth is refused", async () => {
    const { headers } = await ctx.newAccount();
    const { id } = await create(headers);
    const codes = [1, 2, 3, 4, 5, 6].map((n) => ({ type: `Sales Tracking Code ${n}`, code: `C${n}` }));
    const five = await put(headers, {
      id,
      status: "Draft",
      customerReference: { salesTrackingCodes: codes.slice(0, 5) },
    });
    assert.equal(five.statusCode, 200, five.body);
    assert.deepEqual(five.json().customerReference.salesTrackingCodes, codes.slice(0, 5), five.body);
    const six = await put(headers, { id, status: "Draft", customerReference: { salesTrackingCodes: codes } });
    assert.equal(six.statusCode, 400, six.body);
    assert.equal(
      six.json().Errors[0].Value,
      "customerReference.salesTrackingCodes can hold at most 5 items.",
      six.body,
    );
  });
});
