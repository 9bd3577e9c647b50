import assert from "node:assert/strict";
import { before, test } from "node:test";
import { messages } from "../errors/messages.ts";
import { describeOnEachBackend, type TestAccount } from "../testing/test-app.ts";

const base64 = (text: string) => Buffer.from(text).toString("base64");

describeOnEachBackend("authorization", (ctx) => {
  let owner: TestAccount;
  let id: number;

  before(async () => {
    owner = await ctx.newAccount();
    const created = await ctx.app.inject({
      method: "POST",
      url: "/v1/customers",
      headers: owner.headers,
      payload: { firstName: "Owned" },
    });
    assert.equal(created.statusCode, 200, created.body);
    id = created.json().id;
  });

  async function getWith(authorization: string | undefined) {
    return ctx.app.inject({
      method: "GET",
      url: `/v1/customers/${id}`,
      headers: authorization === undefined ? {} : { authorization },
    });
  }

  function assertError(
    response: { statusCode: number; body: string; json(): unknown },
    status: number,
    text: string,
  ) {
    assert.equal(response.statusCode, status, response.body);
    assert.deepEqual(response.json(), {
      ErrorId: 0,
      HttpStatusCode: status,
      Errors: [{ Key: "Api Error", Value: text }],
    });
  }

  test("the key sent verbatim after Basic, in any case of the scheme, opens the account", async () => {
    for (const header of [`Basic ${owner.apiKey}`, `basic ${owner.apiKey}`, `BASIC   ${owner.apiKey} `]) {
      const response = await getWith(header);
      assert.equal(response.statusCode, 200, `${header}: ${response.body}`);
      assert.equal(response.json().id, id, response.body);
    }
  });

  test("curl -u 0:{secret} produces the key itself, so it opens the account", async () => {
    const decoded = Buffer.from(owner.apiKey, "base64").toString("utf8");
    assert.match(decoded, /^0:/, "issued keys are base64 of 0:{secret}");
    const header = `Basic ${base64(`0:${decoded.slice(2)}`)}`;
    assert.equal(header, `Basic ${owner.apiKey}`);
    const response = await getWith(header);
    assert.equal(response.statusCode, 200, response.body);
  });

  test("the key as user name with an empty password opens the account", async () => {
    const response = await getWith(`Basic ${base64(`${owner.apiKey}:`)}`);
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.json().id, id, response.body);
  });

  test("a missing or empty Authorization header answers 401", async () => {
    assertError(await getWith(undefined), 401, messages.unauthorized);
    assertError(await getWith(""), 401, messages.unauthorized);
  });

  test("a well-formed key that nobody issued answers 401", async () => {
    assertError(await getWith(`Basic ${base64("0:not-a-key-of-this-service")}`), 401, messages.unauthorized);
    assertError(await getWith(`Basic ${base64(`:${owner.apiKey}`)}`), 401, messages.unauthorized);
  });

  test("a header that is not Basic {APIKey} answers 400 with Fusebill's text", async () => {
    for (const header of [
      "Bearer x",
      "Basic",
      "Basic ***",
      "Basic ab cd",
      owner.apiKey,
      `Token ${owner.apiKey}`,
    ]) {
      const response = await getWith(header);
      assertError(response, 400, "Authorization key is not in the correct format.");
    }
  });

  test("every customer route requires the key", async () => {
    const requests = [
      { method: "GET" as const, url: `/v1/customers/${id}` },
      { method: "POST" as const, url: "/v1/customers", payload: {} },
      { method: "PUT" as const, url: "/v1/customers", payload: { id, status: "Draft" } },
    ];
    for (const request of requests) {
      const response = await ctx.app.inject({ ...request, headers: { "content-type": "application/json" } });
      assertError(response, 401, messages.unauthorized);
    }
    const health = await ctx.app.inject({ method: "GET", url: "/healthz" });
    assert.equal(health.statusCode, 200, `the health check is public: ${health.body}`);
  });

  test("one account's key never reaches another account's customer", async () => {
    const stranger = await ctx.newAccount();
    const read = await getWith(stranger.headers.authorization);
    assertError(read, 404, messages.customerNotFound(id));
    const write = await ctx.app.inject({
      method: "PUT",
      url: "/v1/customers",
      headers: stranger.headers,
      payload: { id, status: "Active", firstName: "Mallory" },
    });
    assertError(write, 404, messages.customerNotFound(id));
    const adopt = await ctx.app.inject({
      method: "POST",
      url: "/v1/customers",
      headers: stranger.headers,
      payload: { parentId: id },
    });
    assertError(adopt, 400, messages.parentNotFound(id));
    const unchanged = await getWith(owner.headers.authorization);
    assert.equal(unchanged.json().firstName, "Owned", unchanged.body);
    assert.equal(unchanged.json().status, "Draft", unchanged.body);
    assert.equal(unchanged.json().isParent, false, unchanged.body);
  });
});
