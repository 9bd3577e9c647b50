import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import { sql } from "kysely";
import { describeOnEachBackend } from "../../testing/test-app.ts";
import { bucketShape, rateLimitFrom, takeTokens, waitForTokens } from "./take-tokens.ts";

test("a limit of 100 per 10 s becomes a bucket of 10 refilled at 90 per 10 s", () => {
  const shape = bucketShape({ requests: 100, perMs: 10_000 });
  assert.deepEqual(shape, { capacity: 10, refillPerMs: 90 / 10_000 });
  assert.deepEqual(bucketShape({ requests: 100, perMs: 10_000, burst: 40 }), {
    capacity: 40,
    refillPerMs: 60 / 10_000,
  });
  assert.deepEqual(bucketShape({ requests: 1, perMs: 1_000 }), { capacity: 1, refillPerMs: 1 / 1_000 });
});

test("connection settings give the limit, and anything malformed falls back to the default", () => {
  const fallback = { requests: 100, perMs: 10_000 };
  assert.deepEqual(rateLimitFrom({ requests: 190, perMs: 10_000 }, fallback), {
    requests: 190,
    perMs: 10_000,
    burst: undefined,
  });
  assert.equal(rateLimitFrom(undefined, fallback), fallback);
  assert.equal(rateLimitFrom({ requests: "many", perMs: 10_000 }, fallback), fallback);
  assert.equal(rateLimitFrom({ requests: 0, perMs: 10_000 }, fallback), fallback);
});

describeOnEachBackend("token bucket in the database", (ctx) => {
  // refills are slow (one token an hour or a minute) and time is moved by `age`: a test must not depend on
  // its statements running within a second of each other, which a busy machine does not promise
  const HOUR_MS = 3_600_000;
  /** Moves the bucket's clock back, as if `ms` had passed, instead of sleeping. */
  async function age(key: string, ms: number) {
    await sql`update rate_limit_buckets set refilled_at = refilled_at - make_interval(secs => ${ms / 1000})
      where key = ${key}`.execute(ctx.db);
  }

  test("a fresh bucket grants its capacity, then says how long until the next token", async () => {
    const key = randomUUID();
    const shape = { capacity: 3, refillPerMs: 1 / HOUR_MS };
    for (let i = 0; i < 3; i++) assert.deepEqual(await takeTokens(ctx.db, key, shape), { granted: true });
    const refused = await takeTokens(ctx.db, key, shape);
    assert.equal(refused.granted, false, JSON.stringify(refused));
    assert.ok(!refused.granted && refused.waitMs > 0 && refused.waitMs <= HOUR_MS, JSON.stringify(refused));
  });

  test("time refills the bucket, never beyond its capacity", async () => {
    const key = randomUUID();
    const shape = { capacity: 2, refillPerMs: 1 / HOUR_MS };
    await takeTokens(ctx.db, key, shape);
    await takeTokens(ctx.db, key, shape);
    await age(key, 60 * HOUR_MS);
    const granted = [];
    for (let i = 0; i < 4; i++) granted.push((await takeTokens(ctx.db, key, shape)).granted);
    assert.deepEqual(granted, [true, true, false, false]);
  });

  test("concurrent takers never get more than the bucket holds", async () => {
    const key = randomUUID();
    // a refill too slow to matter during the test
    const shape = { capacity: 10, refillPerMs: 1e-9 };
    const results = await Promise.all(Array.from({ length: 60 }, () => takeTokens(ctx.db, key, shape)));
    assert.equal(results.filter((result) => result.granted).length, 10, JSON.stringify(results));
    const row = await ctx.db
      .selectFrom("rateLimitBuckets")
      .select("tokens")
      .where("key", "=", key)
      .executeTakeFirstOrThrow();
    assert.ok(row.tokens >= 0 && row.tokens < 1, JSON.stringify(row));
  });

  test("buckets are independent of each other", async () => {
    const shape = { capacity: 1, refillPerMs: 1e-9 };
    const [a, b] = [randomUUID(), randomUUID()];
    assert.equal((await takeTokens(ctx.db, a, shape)).granted, true);
    assert.equal((await takeTokens(ctx.db, a, shape)).granted, false);
    assert.equal((await takeTokens(ctx.db, b, shape)).granted, true);
  });

  test("a waiter gets its token once it has waited, and gives up when the wait would be too long", async () => {
    const key = randomUUID();
    const shape = { capacity: 1, refillPerMs: 1 / 60_000 };
    await takeTokens(ctx.db, key, shape);
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
      await age(key, ms);
    };
    assert.equal(await waitForTokens(ctx.db, key, shape, { maxWaitMs: 120_000, sleep }), 0);
    assert.equal(waits.length, 1, JSON.stringify(waits));
    assert.ok((waits[0] as number) <= 60_000, JSON.stringify(waits));
    const slow = { capacity: 1, refillPerMs: 1 / HOUR_MS };
    const slowKey = randomUUID();
    await takeTokens(ctx.db, slowKey, slow);
    const retryAfter = await waitForTokens(ctx.db, slowKey, slow, { maxWaitMs: 120_000, sleep });
    // one token's refill time, give or take the float rounding of 1 / (1 / HOUR_MS) that ceil() turns into 1 ms
    assert.ok(retryAfter > 120_000 && retryAfter <= HOUR_MS + 1, String(retryAfter));
  });
});
