import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { Db } from "../../db/database.ts";
import type { Database } from "../../db/schema.ts";
import type { CustomerRecord } from "../customer-record.ts";
import type { ListRequest } from "./list-request.ts";
import type { Condition } from "./query-parser.ts";

type Eb = ExpressionBuilder<Database, "customers">;

/*
 * Every query is scoped by account_id first, so the (account_id, …) indexes of
 * migrations 0001/0002 serve it. Case-insensitive text matching is written as
 * `lower(col) = lower(v)` / `lower(col) like lower(p)`: with the value bound as
 * a parameter PostgreSQL folds lower(v) at plan time, and a pattern with a
 * fixed prefix (`smi%`) becomes a range scan of the `lower(col) text_pattern_ops`
 * indexes. Lowering in SQL rather than in JS keeps both sides on one rule.
 *
 * The account is matched with `= any(array[…])` and the order starts with
 * account_id, which looks redundant but is deliberate. With a plain `=` the
 * planner drops account_id from the order and often walks the primary key
 * (ids are global) filtering by account, assuming the account's customers are
 * spread evenly over the ids; for an account created after a large one they
 * all sit at the end, and the first page cost a scan of every older customer
 * (0.4 s at a million). An `any` is not a constant to the planner, so only
 * the (account_id, …) indexes can deliver the order, and they are exact.
 */
function conditionSql(eb: Eb, condition: Condition): Expression<SqlBool> {
  const { field } = condition;
  const column = eb.ref(`customers.${field.column}`);
  switch (condition.op) {
    case "empty":
      return eb.or([eb(column, "is", null), eb(column, "=", "")]);
    case "equals":
      return sql<SqlBool>`lower(${column}) = lower(${condition.value})`;
    case "like":
      return sql<SqlBool>`lower(${column}) like lower(${condition.pattern})`;
    case "in": {
      const alternatives: Expression<SqlBool>[] = [];
      if (condition.values.length > 0) alternatives.push(eb(column, "in", condition.values));
      if (condition.orEmpty) {
        alternatives.push(eb(column, "is", null));
        // an unset title is stored as null, but "" is how it is serialised and may have been written
        if (field.kind === "enum") alternatives.push(eb(column, "=", ""));
      }
      return eb.or(alternatives);
    }
    case "range": {
      const bounds: Expression<SqlBool>[] = [];
      if (condition.from !== undefined) bounds.push(eb(column, ">=", condition.from));
      if (condition.to !== undefined) bounds.push(eb(column, "<", condition.to));
      return eb.and(bounds);
    }
  }
}

function whereMatches(accountId: number, conditions: Condition[]) {
  return (eb: Eb) =>
    eb.and([
      sql<SqlBool>`${eb.ref("customers.accountId")} = any(array[${accountId}::bigint])`,
      ...conditions.map((condition) => conditionSql(eb, condition)),
    ]);
}

export async function countCustomers(db: Db, accountId: number, conditions: Condition[]): Promise<number> {
  const row = await db
    .selectFrom("customers")
    .select((eb) => eb.fn.countAll().as("count"))
    .where(whereMatches(accountId, conditions))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Every customer of the account (X-MaxCount), kept by triggers (migrations/0008-customer-counts.ts),
 * and the transaction's snapshot, which tells whether a remembered match count still holds
 * (match-count-cache.ts).
 */
export async function countAccountCustomers(
  db: Db,
  accountId: number,
): Promise<{ customers: number; snapshot: string }> {
  const result = await sql<{ customers: number | string | null; snapshot: string }>`
    select sum(customers) as customers, pg_current_snapshot()::text as snapshot
    from customer_counts where account_id = ${accountId}`.execute(db);
  const row = result.rows[0];
  return { customers: Number(row?.customers ?? 0), snapshot: row?.snapshot ?? "" };
}

/** One page of matches; ties (and the default order) are broken by id so that pages never overlap. */
export async function findCustomerPage(
  db: Db,
  accountId: number,
  request: ListRequest,
): Promise<CustomerRecord[]> {
  const direction = request.sort?.order === "Descending" ? "desc" : "asc";
  let query = db
    .selectFrom("customers")
    .selectAll("customers")
    .where(whereMatches(accountId, request.conditions))
    .orderBy("customers.accountId", direction);
  const field = request.sort?.field;
  if (field && field.column !== "id") {
    const column = sql.ref(`customers.${field.column}`);
    if (field.kind === "text") {
      // ignoring case, as the filters do; `using ~<~` is the order of the
      // `lower(col) text_pattern_ops` indexes, so they serve the sort too
      const operator = sql.raw(direction === "asc" ? "~<~" : "~>~");
      query = query.orderBy(sql`lower(${column}) using ${operator}`);
    } else {
      query = query.orderBy(column, direction);
    }
  }
  const rows = await query
    .orderBy("customers.id", direction)
    .limit(request.pageSize)
    .offset(request.pageNumber * request.pageSize)
    .execute();
  const parents = await parentsAmong(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({ ...row, isParent: parents.has(row.id) }));
}

/**
 * Which of `ids` are some customer's parent. A query of its own, after the
 * page: as a column of the page query (customer-repository.ts isParentColumn) the planner, costing it
 * for every match rather than for the page, hashed the whole table once per
 * request (194 ms of a 195 ms list at 100,000 customers on PGlite).
 */
async function parentsAmong(db: Db, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom("customers")
    .select("parentId")
    .distinct()
    .where("parentId", "in", ids)
    .execute();
  return new Set(rows.map((row) => Number(row.parentId)));
}
