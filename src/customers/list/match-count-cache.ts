import type { Condition } from "./query-parser.ts";

/**
 * Exact match counts (X-Count) remembered per database snapshot.
 *
 * Counting is the costly part of a list at scale: `lastName:Sm*` over a
 * million customers matches 100,000 of them, and counting them took seconds
 * per request under load (bench/README.md, bench:scale). A count is reused only when
 * the list's own transaction sees exactly the snapshot the count was taken in
 * (`pg_current_snapshot()`, "xmin:xmax:in-progress ids"): two snapshots with
 * the same text see the same committed transactions, so they see the same
 * rows and the count is still exact. Any commit in between changes the text,
 * so with writes going on every list counts afresh; paging through results
 * of a quiet registry does not.
 *
 * One cache per database handle: transaction ids are only comparable within
 * one PostgreSQL cluster or PGlite instance, and tests open many of those in
 * one process.
 */
export class MatchCountCache {
  readonly #entries = new Map<string, { snapshot: string; count: number }>();
  /** Lookups answered from memory and lookups that had to count (for tests and diagnosis). */
  hits = 0;
  misses = 0;

  constructor(private readonly capacity = 512) {}

  /** The count remembered for this query, if it was taken in this very snapshot. */
  get(accountId: number, conditions: Condition[], snapshot: string): number | undefined {
    const key = cacheKey(accountId, conditions);
    const entry = this.#entries.get(key);
    if (entry?.snapshot !== snapshot) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // least recently used first: move a hit to the end
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.count;
  }

  set(accountId: number, conditions: Condition[], snapshot: string, count: number): void {
    const key = cacheKey(accountId, conditions);
    this.#entries.delete(key);
    this.#entries.set(key, { snapshot, count });
    if (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}

function cacheKey(accountId: number, conditions: Condition[]): string {
  return JSON.stringify([
    accountId,
    conditions.map((condition) => ({ ...condition, field: condition.field.name })),
  ]);
}

const caches = new WeakMap<object, MatchCountCache>();

/** The cache of one database handle (the Kysely instance routes are given). */
export function matchCountCacheOf(db: object): MatchCountCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new MatchCountCache();
    caches.set(db, cache);
  }
  return cache;
}
