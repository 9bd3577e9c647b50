import assert from "node:assert/strict";
import { test } from "node:test";
import { loadConfig } from "../config.ts";
import { envelope } from "../errors/api-error.ts";
import { messages } from "../errors/messages.ts";
import { describeOnEachBackend, type TestAccount, type TestContext } from "../testing/test-app.ts";

let clock = Date.parse("2026-03-01T10:00:10Z");

function list(ctx: TestContext, account: TestAccount) {
  return ctx.app.inject({ method: "GET", url: "/v1/customers", headers: account.headers });
}

function rateHeaders(response: { headers: Record<string, unknown> }) {
  return Object.fromEntries(
    Object.entries(response.headers).filter(
      ([name]) => name.startsWith("x-rate-limit-") || name === "retry-after",
    ),
  );
}

describeOnEachBackend(
  "Rate limits",
  (ctx) => {
    test("every answer carries the minute and day headers, and the request past the minute limit gets 429 naming it", async () => {
      clock = Date.parse("2026-03-01T10:00:10Z");
      const account = await ctx.newAccount();
      for (const remaining of [2, 1, 0]) {
        const response = await list(ctx, account);
        assert.equal(response.statusCode, 200, response.body);
        assert.deepEqual(
          rateHeaders(response),
          {
            "x-rate-limit-limit-minute": "3",
            "x-rate-limit-remaining-minute": String(remaining),
            "x-rate-limit-reset-minute": "50",
            "x-rate-limit-limit-day": "5",
            "x-rate-limit-remaining-day": String(remaining + 2),
            "x-rate-limit-reset-day": String(14 * 3600 - 10),
          },
          response.body,
        );
      }
      const refused = await list(ctx, account);
      assert.equal(refused.statusCode, 429, refused.body);
      assert.deepEqual(
        refused.json(),
        envelope(429, messages.rateLimitExceeded("minute", 3, 50)),
        refused.body,
      );
      assert.equal(refused.headers["x-rate-limit-remaining-minute"], "0", refused.body);
      assert.equal(refused.headers["x-rate-limit-remaining-day"], "2", refused.body);
      assert.equal(refused.headers["retry-after"], "50", refused.body);
    });

    test("the next minute restores the minute budget, and the day limit then refuses with its own message", async () => {
      clock = Date.parse("2026-03-01T10:00:10Z");
      const account = await ctx.newAccount();
      for (let i = 0; i < 3; i++) assert.equal((await list(ctx, account)).statusCode, 200);
      assert.equal((await list(ctx, account)).statusCode, 429);
      clock = Date.parse("2026-03-01T10:01:00Z");
      for (const remaining of [1, 0]) {
        const response = await list(ctx, account);
        assert.equal(response.statusCode, 200, response.body);
        assert.equal(response.headers["x-rate-limit-remaining-day"], String(remaining), response.body);
      }
      const refused = await list(ctx, account);
      assert.equal(refused.statusCode, 429, refused.body);
      assert.deepEqual(
        refused.json(),
        envelope(429, messages.rateLimitExceeded("day", 5, 14 * 3600 - 60)),
        refused.body,
      );
      clock = Date.parse("2026-03-02T00:00:00Z");
      const nextDay = await list(ctx, account);
      assert.equal(nextDay.statusCode, 200, nextDay.body);
      assert.equal(nextDay.headers["x-rate-limit-remaining-day"], "4", nextDay.body);
    });

    test("errors carry the headers too, each account has its own budget, and unauthenticated requests are not counted", async () => {
      clock = Date.parse("2026-03-01T10:00:10Z");
      const first = await ctx.newAccount();
      const second = await ctx.newAccount();
      const missing = await ctx.app.inject({ method: "GET", url: "/v1/customers/1", headers: first.headers });
      assert.equal(missing.statusCode, 404, missing.body);
      assert.equal(missing.headers["x-rate-limit-remaining-minute"], "2", missing.body);
      const anonymous = await ctx.app.inject({ method: "GET", url: "/v1/customers" });
      assert.equal(anonymous.statusCode, 401, anonymous.body);
      assert.deepEqual(rateHeaders(anonymous), {}, anonymous.body);
      for (let i = 0; i < 2; i++) assert.equal((await list(ctx, first)).statusCode, 200);
      assert.equal((await list(ctx, first)).statusCode, 429);
      const other = await list(ctx, second);
      assert.equal(other.statusCode, 200, other.body);
      assert.equal(other.headers["x-rate-limit-remaining-minute"], "2", other.body);
    });
  },
  { rateLimit: { perMinute: 3, perDay: 5, now: () => clock } },
);

describeOnEachBackend("Rate limits when not configured", (ctx) => {
  test("without LATCHWORK_RATE_LIMIT_* there is no limit and no rate headers", async () => {
    const account = await ctx.newAccount();
    for (let i = 0; i < 20; i++) {
      const response = await list(ctx, account);
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(rateHeaders(response), {}, response.body);
    }
  });
});

test("LATCHWORK_RATE_LIMIT_MINUTE and _DAY configure the limits, and only positive integers are accepted", () => {
  assert.deepEqual(loadConfig({}, []).rateLimit, { perMinute: undefined, perDay: undefined });
  assert.deepEqual(
    loadConfig({ LATCHWORK_RATE_LIMIT_MINUTE: "1000", LATCHWORK_RATE_LIMIT_DAY: "180000" }, []).rateLimit,
    { perMinute: 1000, perDay: 180000 },
  );
  assert.throws(() => loadConfig({ LATCHWORK_RATE_LIMIT_MINUTE: "ten" }, []), /LATCHWORK_RATE_LIMIT_MINUTE/);
  assert.throws(() => loadConfig({ LATCHWORK_RATE_LIMIT_DAY: "0" }, []), /LATCHWORK_RATE_LIMIT_DAY/);
});
