import assert from "node:assert/strict";
import { before, test } from "node:test";
import { messages } from "../errors/messages.ts";
import { describeOnEachBackend, type TestAccount } from "../testing/test-app.ts";

type Response = { statusCode: number; body: string; json(): unknown };

function assertEnvelope(response: Response, status: number, text: string | RegExp): void {
  assert.equal(response.statusCode, status, response.body);
  const body = response.json() as {
    ErrorId: number;
    HttpStatusCode: number;
    Errors: { Key: string; Value: string }[];
  };
  assert.equal(body.ErrorId, 0, response.body);
  assert.equal(body.HttpStatusCode, status, response.body);
  assert.equal(body.Errors.length, 1, response.body);
  assert.equal(body.Errors[0]?.Key, "Api Error", response.body);
  if (typeof text === "string") assert.equal(body.Errors[0]?.Value, text, response.body);
  else assert.match(body.Errors[0]?.Value ?? "", text, response.body);
}

describeOnEachBackend("wire tolerance", (ctx) => {
  let account: TestAccount;
  let id: number;

  before(async () => {
    account = await ctx.newAccount();
    const created = await ctx.app.inject({
      method: "POST",
      url: "/v1/customers",
      headers: account.headers,
      payload: { firstName: "Wire" },
    });
    assert.equal(created.statusCode, 200, created.body);
    id = created.json().id;
  });

  const auth = () => ({ authorization: account.headers.authorization as string });

  test("an empty body with a JSON content type on a body route answers 400 in the envelope", async () => {
    for (const method of ["POST", "PUT"] as const) {
      const response = await ctx.app.inject({
        method,
        url: "/v1/customers",
        headers: { ...auth(), "content-type": "application/json", "content-length": "0" },
        payload: "",
      });
      assertEnvelope(response, 400, messages.bodyRequired);
    }
    const none = await ctx.app.inject({ method: "POST", url: "/v1/customers", headers: auth() });
    assertEnvelope(none, 400, messages.bodyRequired);
    const literalNull = await ctx.app.inject({
      method: "PUT",
      url: "/v1/customers",
      headers: account.headers,
      payload: "null",
    });
    assertEnvelope(literalNull, 400, messages.bodyRequired);
  });

  test("a body that is not even relaxed JSON, or not an object, answers 400", async () => {
    for (const payload of ["{firstName:", "{id:1,status:'Active'", "<customer/>"]) {
      const response = await ctx.app.inject({
        method: "PUT",
        url: "/v1/customers",
        headers: account.headers,
        payload,
      });
      assertEnvelope(response, 400, /^The request body is not valid JSON: /);
    }
    for (const payload of ["[]", '"text"', "42"]) {
      const response = await ctx.app.inject({
        method: "POST",
        url: "/v1/customers",
        headers: account.headers,
        payload,
      });
      assertEnvelope(response, 400, messages.bodyNotJson("expected a JSON object"));
    }
  });

  test("a body over the limit answers 413 in the envelope, naming the limit", async () => {
    const response = await ctx.app.inject({
      method: "POST",
      url: "/v1/customers",
      headers: account.headers,
      payload: JSON.stringify({ firstName: "x".repeat(1024 * 1024) }),
    });
    assertEnvelope(response, 413, messages.bodyTooLarge(1024 * 1024));
  });

  test("an unknown route answers 404 in the envelope", async () => {
    const response = await ctx.app.inject({ method: "GET", url: "/v1/nothing/here", headers: auth() });
    assertEnvelope(response, 404, messages.routeNotFound("GET", "/v1/nothing/here"));
    const outside = await ctx.app.inject({ method: "GET", url: "/nothing" });
    assertEnvelope(outside, 404, messages.routeNotFound("GET", "/nothing"));
    const wrongMethod = await ctx.app.inject({
      method: "DELETE",
      url: `/v1/customers/${id}`,
      headers: auth(),
    });
    assertEnvelope(wrongMethod, 404, messages.routeNotFound("DELETE", `/v1/customers/${id}`));
  });

  test("paths match in any case, with trailing and doubled slashes", async () => {
    for (const url of [`/V1/CUSTOMERS/${id}`, `/v1/Customers/${id}/`, `//v1//customers/${id}`]) {
      const response = await ctx.app.inject({ method: "GET", url, headers: auth() });
      assert.equal(response.statusCode, 200, `${url}: ${response.body}`);
      assert.equal(response.json().id, id, response.body);
    }
    const put = await ctx.app.inject({
      method: "PUT",
      url: "/V1/Customers/",
      headers: account.headers,
      payload: { id, status: "Draft", firstName: "Wire" },
    });
    assert.equal(put.statusCode, 200, put.body);
    const post = await ctx.app.inject({
      method: "POST",
      url: "/v1/CUSTOMERS/",
      headers: account.headers,
      payload: "{}",
    });
    assert.equal(post.statusCode, 200, post.body);
  });

  test("a path spelled differently still requires the API key", async () => {
    for (const url of [`//v1//customers/${id}`, `/V1/Customers/${id}/`, `//V1/customers//${id}`]) {
      const response = await ctx.app.inject({ method: "GET", url });
      assertEnvelope(response, 401, messages.unauthorized);
    }
  });

  test("a single GET ignores a JSON body, a broken body and paging parameters", async () => {
    for (const payload of ['{"pageSize":10}', "{not json"]) {
      const response = await ctx.app.inject({
        method: "GET",
        url: `/v1/customers/${id}`,
        headers: account.headers,
        payload,
      });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().id, id, response.body);
    }
    const paged = await ctx.app.inject({
      method: "GET",
      url: `/v1/customers/${id}?pageSize=10&pageNumber=0&sortOrder=Descending`,
      headers: auth(),
    });
    assert.equal(paged.statusCode, 200, paged.body);
    assert.equal(paged.json().id, id, paged.body);
  });

  test("a body in another media type answers 415 in the envelope; JSON-ish types are read", async () => {
    for (const type of ["text/xml", "application/x-www-form-urlencoded"]) {
      const response = await ctx.app.inject({
        method: "POST",
        url: "/v1/customers",
        headers: { ...auth(), "content-type": type },
        payload: "firstName=Ann",
      });
      assertEnvelope(response, 415, messages.unsupportedMediaType(type));
    }
    for (const type of ["application/json; charset=utf-8", "text/plain", "application/vnd.api+json"]) {
      const response = await ctx.app.inject({
        method: "POST",
        url: "/v1/customers",
        headers: { ...auth(), "content-type": type },
        payload: "{firstName:'Ann'}",
      });
      assert.equal(response.statusCode, 200, `${type}: ${response.body}`);
      assert.equal(response.json().firstName, "Ann", response.body);
    }
  });

  test("values that cannot be stored answer 400 naming the field, never 500", async () => {
    const cases: [string, string][] = [
      ['{"id":99999999999999999999,"status":"Draft"}', "id must be at most 9007199254740991."],
      [
        `{"id":${id},"status":"Draft","parentId":99999999999999999999}`,
        "parentId must be at most 9007199254740991.",
      ],
      [
        `{"id":${id},"status":"Draft","quickBooksId":-9223372036854775809}`,
        "quickBooksId must be at least -9007199254740991.",
      ],
      [`{"id":${id},"status":"Draft","firstName":"a\\u0000b"}`, messages.nulCharacter("firstName")],
      [
        `{"id":${id},"status":"Draft","customerReference":{"salesTrackingCodes":[{"code":"\\u0000"}]}}`,
        messages.nulCharacter("customerReference.salesTrackingCodes[0].code"),
      ],
    ];
    for (const [payload, text] of cases) {
      const response = await ctx.app.inject({
        method: "PUT",
        url: "/v1/customers",
        headers: account.headers,
        payload,
      });
      assertEnvelope(response, 400, text);
    }
    const huge = await ctx.app.inject({
      method: "GET",
      url: "/v1/customers/99999999999999999999",
      headers: auth(),
    });
    assertEnvelope(huge, 400, "id must be at most 9007199254740991.");
    const word = await ctx.app.inject({ method: "GET", url: "/v1/customers/abc", headers: auth() });
    assertEnvelope(word, 400, "id must be an integer.");
  });
});
