import assert from "node:assert/strict";
import { test } from "node:test";
import { describeOnEachBackend } from "../testing/test-app.ts";
import { PREPARED, runStatement } from "./database.ts";

// The prepared path (pglite-prepared.ts on PGlite, PreparingClient on PostgreSQL) against the plain one.
describeOnEachBackend("prepared statements", (ctx) => {
  test("a prepared text gives the values a plain query gives, for each type the customer row has", async () => {
    const text = `select $1::bigint as "id", $2::numeric as "money", $3::timestamptz as "at", $4::text[] as "codes",
      $5::jsonb as "tracking", $6::boolean as "flag", $7::text as "none", $8::text as "name"`;
    const parameters = [
      9_007_199_254_740_991,
      "25.98",
      new Date("2026-01-02T03:04:05.678Z"),
      ["Active", "Hold"],
      JSON.stringify([{ type: "t", code: "c" }]),
      true,
      null,
      "Ann Smith",
    ];
    for (let run = 0; run < 3; run++) {
      const prepared = await runStatement(ctx.db, PREPARED + text, parameters);
      const plain = await runStatement(ctx.db, text, parameters);
      assert.deepEqual(prepared, plain, JSON.stringify({ prepared, plain }));
    }
    const [row] = await runStatement<Record<string, unknown>>(ctx.db, PREPARED + text, parameters);
    assert.deepEqual(
      row,
      {
        id: 9_007_199_254_740_991,
        money: "25.98",
        at: new Date("2026-01-02T03:04:05.678Z"),
        codes: ["Active", "Hold"],
        tracking: [{ type: "t", code: "c" }],
        flag: true,
        none: null,
        name: "Ann Smith",
      },
      JSON.stringify(row),
    );
  });

  test("a prepared statement that fails rejects with the database's error and runs again afterwards", async () => {
    const text = `${PREPARED}select 10 / $1::int as "quotient"`;
    await assert.rejects(runStatement(ctx.db, text, [0]), (error: { code?: string }) => {
      assert.equal(error.code, "22012", String(error));
      return true;
    });
    const rows = await runStatement(ctx.db, text, [5]);
    assert.deepEqual(rows, [{ quotient: 2 }], JSON.stringify(rows));
  });

  test("a prepared text that does not parse rejects with the same error every time", async () => {
    for (let run = 0; run < 2; run++) {
      await assert.rejects(
        runStatement(ctx.db, `${PREPARED}select no_such_column`, []),
        (error: { code?: string }) => {
          assert.equal(error.code, "42703", String(error));
          return true;
        },
      );
    }
  });

  test("a prepared write inside a transaction is undone by the transaction's rollback", async () => {
    const { headers } = await ctx.newAccount();
    const created = await ctx.app.inject({
      method: "POST",
      url: "/v1/customers",
      headers,
      payload: { firstName: "Ann" },
    });
    assert.equal(created.statusCode, 200, created.body);
    const id = created.json().id as number;
    const rename = `${PREPARED}update customers set first_name = $1 where id = $2 returning first_name as "firstName"`;
    await assert.rejects(
      ctx.db.transaction().execute(async (trx) => {
        const rows = await runStatement(trx, rename, ["Bea", id]);
        assert.deepEqual(rows, [{ firstName: "Bea" }], JSON.stringify(rows));
        throw new Error("roll back");
      }),
      /roll back/,
    );
    const read = await ctx.app.inject({ method: "GET", url: `/v1/customers/${id}`, headers });
    assert.equal(read.json().firstName, "Ann", read.body);
    const rows = await runStatement(ctx.db, rename, ["Cy", id]);
    assert.deepEqual(rows, [{ firstName: "Cy" }], JSON.stringify(rows));
  });
});
