import { type Kysely, sql } from "kysely";

/**
 * The transactional outbox of CRM pushes. A write that changes a synced
 * customer records "push customer C to CRM X" in the same transaction.
 * At most one pending row per (customer, crm): later changes coalesce into it
 * by bumping `version`, so a burst of edits becomes one push of the latest state.
 * A worker that pushed version v deletes the row only if it is still at v;
 * a change that arrived meanwhile leaves it in place for another push.
 */
const statements = [
  `create table sync_outbox (
    id bigint generated always as identity primary key,
    account_id bigint not null references accounts (id) on delete cascade,
    customer_id bigint not null references customers (id) on delete cascade,
    crm text not null,
    version bigint not null default 1,
    enqueued_at timestamptz not null default now(),
    available_at timestamptz not null default now(),
    attempts integer not null default 0,
    claimed_by text,
    claimed_at timestamptz,
    last_error text,
    dead_at timestamptz,
    unique (customer_id, crm)
  )`,
  // workers scan by CRM for rows that are due and not dead
  "create index sync_outbox_due on sync_outbox (crm, available_at) where dead_at is null",
  "create index sync_outbox_account on sync_outbox (account_id, crm)",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop table sync_outbox").execute(db);
}
