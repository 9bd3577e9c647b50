import { type Kysely, sql } from "kysely";

/**
 * Connections whose credentials the CRM refused (401 after the one token
 * refresh a CRM allows). A row means "failing": the workers stop claiming the
 * connection's pushes, which stay pending until the credentials are replaced
 * (PUT /v1/integrations/{crm}) or, for a built-in sandbox connection, until
 * `probe_at`, when one round is let through to try again. Keyed by account and
 * CRM rather than by crm_connections, because sandbox connections have no row there.
 */
const statements = [
  `create table crm_connection_health (
    account_id bigint not null references accounts (id) on delete cascade,
    crm text not null,
    last_error text not null,
    failed_at timestamptz not null default now(),
    probe_at timestamptz,
    probes integer not null default 0,
    primary key (account_id, crm)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop table crm_connection_health").execute(db);
}
