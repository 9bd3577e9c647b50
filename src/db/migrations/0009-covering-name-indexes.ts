import { type Kysely, sql } from "kysely";

/**
 * The list's match count (X-Count) of a name prefix reads only the index.
 *
 * The `lower(col) text_pattern_ops` indexes of 0001 find `lastName:Sm*` as a
 * range, but counting the matches still fetched every matching row from the
 * table: PostgreSQL allows an index-only scan only when every column the query
 * names is in the index, and the filter's `lower(last_name)` names
 * `last_name`, which an expression index does not hold. At 1,000,000 customers
 * (`npm run bench:scale`'s data, 100,000 matches spread over 66,000 of the
 * table's pages) the count took 2.1 s as a bitmap heap scan and 43 ms as an
 * index-only scan of the same index with `include (last_name)` after VACUUM.
 * The cost: the included value makes these indexes larger (6 → 39 MB for
 * last_name at a million, which also loses B-tree deduplication).
 * Only the columns whose prefixes match many customers (names, e-mail,
 * reference); CRM ids are looked up by equality and match one.
 */
const COLUMNS = ["first_name", "last_name", "company_name", "primary_email", "reference"];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of COLUMNS) {
    await sql.raw(`drop index customers_${column}_ci`).execute(db);
    await sql
      .raw(
        `create index customers_${column}_ci on customers (account_id, lower(${column}) text_pattern_ops) include (${column})`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of COLUMNS) {
    await sql.raw(`drop index customers_${column}_ci`).execute(db);
    await sql
      .raw(`create index customers_${column}_ci on customers (account_id, lower(${column}) text_pattern_ops)`)
      .execute(db);
  }
}
