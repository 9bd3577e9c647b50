import assert from "node:assert/strict";
import { test } from "node:test";
import Fastify from "fastify";
import { markKeyRevoked } from "../accounts/api-key-repository.ts";
import { issueApiKey, listApiKeys, revokeApiKey } from "../accounts/api-key-service.ts";
import { describeOnEachBackend, type TestAccount } from "../testing/test-app.ts";
import { registerAuth } from "./auth.ts";
import { registerErrorHandling } from "./error-handler.ts";

describeOnEachBackend("the verified-key cache", (ctx) => {
  async function keyIdOf(account: TestAccount): Promise<number> {
    const [key] = await listApiKeys(ctx.db, account.accountId);
    assert.ok(key, "the account has its key");
    return key.id;
  }

  function getMissing(headers: Record<string, string>) {
    // an unknown id: 404 once the key is accepted, 401 when it is not
    return ctx.app.inject({ method: "GET", url: "/v1/customers/999999999", headers });
  }

  test("a key revoked in this process is refused at its next request, though it was just accepted", async () => {
    const account = await ctx.newAccount();
    const before = await getMissing(account.headers);
    assert.equal(before.statusCode, 404, before.body);
    await revokeApiKey(ctx.db, await keyIdOf(account));
    const after = await getMissing(account.headers);
    assert.equal(after.statusCode, 401, after.body);
  });

  test("revoking one key leaves the account's other keys working", async () => {
    const account = await ctx.newAccount();
    const second = await issueApiKey(ctx.db, account.accountId, "second");
    const secondHeaders = { authorization: `Basic ${second.apiKey}` };
    assert.equal((await getMissing(secondHeaders)).statusCode, 404);
    await revokeApiKey(ctx.db, await keyIdOf(account));
    const response = await getMissing(secondHeaders);
    assert.equal(response.statusCode, 404, response.body);
  });

  test("a key revoked by another process works until the cache entry expires, then is refused", async () => {
    let clock = 1_000_000;
    const app = Fastify();
    registerErrorHandling(app);
    registerAuth(app, ctx.db, { ttlMs: 10_000, now: () => clock });
    app.get("/v1/whoami", async (request) => ({ accountId: request.account.accountId }));
    await app.ready();
    try {
      const account = await ctx.newAccount();
      const ask = () => app.inject({ method: "GET", url: "/v1/whoami", headers: account.headers });
      const first = await ask();
      assert.equal(first.statusCode, 200, first.body);
      assert.equal(first.json().accountId, account.accountId, first.body);
      // what the CLI does in its own process: the database changes, this process hears nothing
      await markKeyRevoked(ctx.db, await keyIdOf(account));
      clock += 9_999;
      const cached = await ask();
      assert.equal(cached.statusCode, 200, `still trusted within the TTL: ${cached.body}`);
      clock += 2;
      const expired = await ask();
      assert.equal(expired.statusCode, 401, expired.body);
    } finally {
      await app.close();
    }
  });
});
