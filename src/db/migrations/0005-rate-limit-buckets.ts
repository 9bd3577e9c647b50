import { type Kysely, sql } from "kysely";

/**
 * Token buckets shared by every worker process on one database, so that a
 * vendor's per-connection rate limit holds however many workers push to it.
 * A row is refilled lazily by the statement that takes from it
 * (src/integrations/rate-limit/take-tokens.ts); `granted` is that statement's verdict,
 * kept in the row only because RETURNING sees nothing but the new row.
 */
const statements = [
  `create table rate_limit_buckets (
    key text primary key,
    tokens double precision not null,
    refilled_at timestamptz not null default now(),
    granted boolean not null default true
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop table rate_limit_buckets").execute(db);
}
