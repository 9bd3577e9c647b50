import { type Kysely, sql } from "kysely";

/**
 * Per-account CRM connections (secrets encrypted by the application, see
 * src/integrations/secret-box.ts) and the one-record-one-customer rules of the
 * integration pages: a CRM record links to at most one customer per account.
 * The rules are partial unique indexes so that they hold under concurrent
 * latches; the services translate their violations (23505) into 400s.
 */
const statements = [
  `create table crm_connections (
    account_id bigint not null references accounts (id) on delete cascade,
    crm text not null check (crm in ('salesforce', 'hubspot', 'netsuite')),
    base_url text not null,
    credentials_encrypted text not null,
    settings jsonb not null default '{}',
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (account_id, crm)
  )`,
  "create unique index customers_salesforce_id_unique on customers (account_id, salesforce_id) where salesforce_id is not null",
  "create unique index customers_netsuite_id_unique on customers (account_id, netsuite_id) where netsuite_id is not null",
  "create unique index customers_hub_spot_id_unique on customers (account_id, hub_spot_id) where hub_spot_id is not null",
  "create unique index customers_hub_spot_company_id_unique on customers (account_id, hub_spot_company_id) where hub_spot_company_id is not null",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of ["salesforce_id", "netsuite_id", "hub_spot_id", "hub_spot_company_id"]) {
    await sql.raw(`drop index customers_${index}_unique`).execute(db);
  }
  await sql.raw("drop table crm_connections").execute(db);
}
