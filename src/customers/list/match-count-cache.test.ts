import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { sql } from "kysely";
import { describeOnEachBackend, type TestAccount } from "../../testing/test-app.ts";
import { findFilterField } from "./filter-fields.ts";
import { MatchCountCache, matchCountCacheOf } from "./match-count-cache.ts";
import type { Condition } from "./query-parser.ts";

const lastName = findFilterField("lastName");
if (!lastName) throw new Error("lastName is a filter field");
const smiths: Condition[] = [{ field: lastName, op: "like", pattern: "sm%" }];
const jones: Condition[] = [{ field: lastName, op: "equals", value: "Jones" }];

describe("MatchCountCache", () => {
  test("a count is given back only for the same account, query and snapshot", () => {
    const cache = new MatchCountCache();
    cache.set(1, smiths, "10:12:11", 7);
    assert.equal(cache.get(1, smiths, "10:12:11"), 7);
    assert.equal(cache.get(1, smiths, "10:13:11"), undefined, "a later snapshot");
    assert.equal(cache.get(1, smiths, "12:12:"), undefined, "transaction 11 has finished since");
    assert.equal(cache.get(2, smiths, "10:12:11"), undefined, "another account");
    assert.equal(cache.get(1, jones, "10:12:11"), undefined, "another query");
    assert.deepEqual({ hits: cache.hits, misses: cache.misses }, { hits: 1, misses: 4 });
  });

  test("beyond its capacity it forgets the least recently used query", () => {
    const cache = new MatchCountCache(2);
    cache.set(1, smiths, "s", 1);
    cache.set(2, smiths, "s", 2);
    assert.equal(cache.get(1, smiths, "s"), 1);
    cache.set(3, smiths, "s", 3);
    assert.equal(cache.size, 2);
    assert.equal(cache.get(2, smiths, "s"), undefined, "account 2's count was the least recently used");
    assert.equal(cache.get(1, smiths, "s"), 1);
    assert.equal(cache.get(3, smiths, "s"), 3);
  });
});

describeOnEachBackend("X-Count remembered per snapshot", (ctx) => {
  async function insertActive(account: TestAccount, count: number) {
    await ctx.db
      .insertInto("customers")
      .values(
        Array.from({ length: count }, () => ({
          accountId: account.accountId,
          currency: "USD",
          status: "Active",
        })),
      )
      .execute();
  }

  async function currentSnapshot(): Promise<string> {
    const { rows } = await sql<{ snapshot: string }>`select pg_current_snapshot()::text as snapshot`.execute(
      ctx.db,
    );
    return rows[0]?.snapshot ?? "";
  }

  async function countHeader(account: TestAccount): Promise<unknown> {
    // page 1 of 2: the count is not implied by the page itself, so it must be counted or remembered
    const response = await ctx.app.inject({
      method: "GET",
      url: "/v1/customers?query=status:Active&pageSize=2&pageNumber=1",
      headers: account.headers,
    });
    assert.equal(response.statusCode, 200, response.body);
    return response.headers["x-count"];
  }

  test("a repeated list reuses its count until a write commits, then counts afresh", async () => {
    const account = await ctx.newAccount();
    await insertActive(account, 5);
    const cache = matchCountCacheOf(ctx.db);
    assert.equal(await countHeader(account), "5");
    // Other test files share the PostgreSQL cluster and its transaction ids: a
    // pair of lists with no commit anywhere in between is found by comparing
    // the snapshot before and after (xmax only grows, so equal ends mean no change).
    let reused = false;
    for (let attempt = 0; attempt < 50 && !reused; attempt++) {
      const start = await currentSnapshot();
      const hits = cache.hits;
      assert.equal(await countHeader(account), "5");
      assert.equal(await countHeader(account), "5");
      if ((await currentSnapshot()) !== start) continue;
      // both ran in one snapshot: the second found the count the first had taken or found
      assert.ok(cache.hits - hits >= 1, `${cache.hits - hits} hits`);
      reused = true;
    }
    assert.ok(reused, "50 pairs of lists, each with a commit in between");
    const misses = cache.misses;
    await insertActive(account, 1);
    assert.equal(await countHeader(account), "6", "a commit since the count was taken");
    await ctx.db
      .updateTable("customers")
      .set({ status: "Suspended" })
      .where("accountId", "=", account.accountId)
      .execute();
    const response = await ctx.app.inject({
      method: "GET",
      url: "/v1/customers?query=status:Active&pageSize=2&pageNumber=1",
      headers: account.headers,
    });
    assert.equal(response.headers["x-count"], "0", response.body);
    assert.equal(cache.misses - misses, 2, "each list after a commit counted afresh");
  });

  test("a deleted match is not counted by the next list", async () => {
    const account = await ctx.newAccount();
    await insertActive(account, 3);
    assert.equal(await countHeader(account), "3");
    const first = await ctx.db
      .selectFrom("customers")
      .select("id")
      .where("accountId", "=", account.accountId)
      .orderBy("id")
      .executeTakeFirstOrThrow();
    await ctx.db.deleteFrom("customers").where("id", "=", first.id).execute();
    assert.equal(await countHeader(account), "2");
  });
});
