import { type Kysely, sql } from "kysely";

/**
 * Test and live accounts, as Stripe's test and live keys. A `test` account
 * without a configured connection talks to the built-in sandbox CRMs (what
 * every account did before this migration, so existing ones become `test`); a
 * `live` account never does, and its connections must name public https hosts
 * (integrations/outbound-url.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      "alter table accounts add column mode text not null default 'test' constraint accounts_mode_check check (mode in ('test', 'live'))",
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("alter table accounts drop column mode").execute(db);
}
