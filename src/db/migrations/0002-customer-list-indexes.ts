import { type Kysely, sql } from "kysely";

/**
 * Integrators look customers up by their CRM ids (`query=salesforceId:0014…`).
 * List filters match text ignoring case (`lower(col)`), which the case-sensitive
 * unique indexes of 0002-crm-links cannot serve; these can, for equality and
 * `value*` prefixes. Not partial, although most customers have no CRM id: the
 * planner keeps statistics of an index expression only for whole-table indexes,
 * and without them it misjudged `lower(salesforce_id) = …` as matching 0.5% of
 * the table and walked the primary key instead.
 */
const INDEXED = ["salesforce_id", "netsuite_id"];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of INDEXED) {
    await sql
      .raw(`create index customers_${column}_ci on customers (account_id, lower(${column}) text_pattern_ops)`)
      .execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of INDEXED) await sql.raw(`drop index customers_${column}_ci`).execute(db);
}
