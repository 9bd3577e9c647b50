import { sql } from "kysely";
import type { Db } from "../../db/database.ts";

/** A vendor limit as the connection settings state it: `requests` per `perMs` (e.g. HubSpot 100 per 10 s). */
export interface RateLimit {
  requests: number;
  perMs: number;
  /** Tokens a quiet connection may spend at once; requests/10 (at least 1) when unset. */
  burst?: number | undefined;
}

export interface BucketShape {
  capacity: number;
  refillPerMs: number;
}

/**
 * The bucket that keeps a caller within `limit` even against a *rolling*
 * window (HubSpot's ten-secondly limit): over any span of `perMs` a bucket
 * grants at most capacity + refill × perMs, so the two together add up to
 * `requests`. A bucket as large as the limit itself would allow twice the
 * limit in one window (a full bucket spent, then a window's worth of refill).
 */
export function bucketShape(limit: RateLimit): BucketShape {
  const requests = Math.max(1, limit.requests);
  const capacity = Math.min(requests, Math.max(1, Math.floor(limit.burst ?? requests / 10)));
  // a limit of one request per window cannot be split: it refills one token per window
  const refill = Math.max(requests - capacity, capacity === requests ? 1 : 0);
  return { capacity, refillPerMs: refill / limit.perMs };
}

/** `{requests, perMs, burst?}` from connection settings, or `fallback` when absent or malformed. */
export function rateLimitFrom(setting: unknown, fallback: RateLimit): RateLimit {
  if (typeof setting !== "object" || setting === null) return fallback;
  const { requests, perMs, burst } = setting as Record<string, unknown>;
  const positive = (value: unknown): value is number =>
    typeof value === "number" && Number.isFinite(value) && value > 0;
  if (!positive(requests) || !positive(perMs)) return fallback;
  return { requests, perMs, burst: positive(burst) ? burst : undefined };
}

export type TakeResult = { granted: true } | { granted: false; waitMs: number };

/**
 * Refills bucket `key` for the time since it was last touched and takes
 * `count` tokens if it holds that many, in one statement: the row lock makes
 * concurrent takers on any number of processes queue, so together they never
 * exceed the bucket. When the tokens are not there nothing is taken, and the
 * answer says how long until they will be. Time is the database's, the one
 * clock every worker shares.
 */
export async function takeTokens(db: Db, key: string, shape: BucketShape, count = 1): Promise<TakeResult> {
  if (count > shape.capacity)
    throw new RangeError(`cannot take ${count} tokens from a bucket of ${shape.capacity}`);
  const capacity = sql`${shape.capacity}::float8`;
  const need = sql`${count}::float8`;
  // what the bucket holds now: its tokens plus the refill since (never negative time, never above capacity)
  const available = sql`least(${capacity}, b.tokens + greatest(0, extract(epoch from now() - b.refilled_at) * 1000) * ${shape.refillPerMs}::float8)`;
  const result = await sql<{ tokens: number; granted: boolean }>`
    insert into rate_limit_buckets as b (key, tokens, refilled_at, granted)
    values (${key}, ${capacity} - ${need}, now(), true)
    on conflict (key) do update set
      tokens = case when ${available} >= ${need} then ${available} - ${need} else ${available} end,
      refilled_at = greatest(b.refilled_at, now()),
      granted = ${available} >= ${need}
    returning tokens, granted`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error(`rate limit bucket ${key} returned no row`);
  if (row.granted) return { granted: true };
  const missing = count - Number(row.tokens);
  return { granted: false, waitMs: Math.max(1, Math.ceil(missing / shape.refillPerMs)) };
}

/**
 * Takes tokens, waiting for them as long as `maxWaitMs` allows. Resolves to 0
 * when they were taken, else to how long the caller should come back after
 * (the bucket is too far behind to wait inline).
 */
export async function waitForTokens(
  db: Db,
  key: string,
  shape: BucketShape,
  options: { maxWaitMs: number; count?: number; sleep?: (ms: number) => Promise<void> },
): Promise<number> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let waited = 0;
  for (;;) {
    const result = await takeTokens(db, key, shape, options.count);
    if (result.granted) return 0;
    if (waited + result.waitMs > options.maxWaitMs) return result.waitMs;
    await sleep(result.waitMs);
    waited += result.waitMs;
  }
}
