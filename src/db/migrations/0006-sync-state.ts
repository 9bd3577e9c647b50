import { type Kysely, sql } from "kysely";

/**
 * What reached each CRM, per customer: the outbox row of a push is deleted
 * once it is done, so the last successful push is kept here for
 * `GET /v1/customers/{id}/sync`.
 * Versions count the changes of one customer for one CRM since sync began:
 * an outbox row's `version` restarts at 1 for each new row, so
 * `settled_changes` adds up the versions of the rows already completed, and
 * a pending row stands for change number `settled_changes + version`.
 */
const statements = [
  `create table sync_state (
    customer_id bigint not null references customers (id) on delete cascade,
    crm text not null,
    account_id bigint not null references accounts (id) on delete cascade,
    settled_changes bigint not null default 0,
    last_pushed_version bigint not null,
    last_pushed_at timestamptz not null default now(),
    primary key (customer_id, crm)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop table sync_state").execute(db);
}
