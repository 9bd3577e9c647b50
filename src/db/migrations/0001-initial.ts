import { type Kysely, sql } from "kysely";

/**
 * Accounts, hashed API keys and customers. Customer ids come from one global
 * sequence (ids are unique across the whole service, as Fusebill's are); it
 * starts above every id the spec pages show so that fixtures with those ids
 * never collide with generated ones.
 */
const statements = [
  `create table accounts (
    id bigint generated always as identity primary key,
    name text not null,
    is_default boolean not null default false,
    default_currency char(3) not null default 'USD',
    created_at timestamptz not null default now()
  )`,
  "create unique index accounts_single_default on accounts (is_default) where is_default",
  `create table api_keys (
    id bigint generated always as identity primary key,
    account_id bigint not null references accounts (id) on delete cascade,
    key_hash text not null unique,
    hint text not null,
    label text,
    created_at timestamptz not null default now(),
    revoked_at timestamptz
  )`,
  "create sequence customer_id_seq start with 200000001",
  `create table customers (
    id bigint primary key default nextval('customer_id_seq'),
    account_id bigint not null references accounts (id) on delete cascade,
    first_name text, middle_name text, last_name text, company_name text, suffix text,
    primary_email text, primary_phone text, secondary_email text, secondary_phone text,
    title text, reference text,
    status text not null default 'Draft',
    customer_account_status text not null default 'Good',
    currency char(3) not null,
    reference1 text, reference2 text, reference3 text,
    sales_tracking_codes jsonb not null default '[]',
    ad_content text, campaign text, keyword text, landing_page text, medium text, source text,
    monthly_recurring_revenue numeric(19, 4) not null default 0,
    net_monthly_recurring_revenue numeric(19, 4) not null default 0,
    salesforce_id text, salesforce_account_type text, salesforce_synch_status text,
    netsuite_id text, netsuite_synch_status text, netsuite_customer_type text,
    portal_user_name text,
    parent_id bigint references customers (id),
    quick_books_latch_type text, quick_books_id bigint, quick_books_sync_token bigint,
    hub_spot_id bigint, hub_spot_company_id bigint,
    geotab_id text, digital_river_id text,
    created_timestamp timestamptz not null default now(),
    modified_timestamp timestamptz not null default now()
  )`,
  // Listing is always scoped to one account; these serve the default order and
  // the filters integrators use most (names, e-mail, reference, status, dates).
  // lower(...) text_pattern_ops serves case-insensitive `value*` prefix filters.
  "create index customers_account_id on customers (account_id, id)",
  "create index customers_parent on customers (parent_id) where parent_id is not null",
  "create index customers_status on customers (account_id, status, id)",
  "create index customers_created on customers (account_id, created_timestamp)",
  "create index customers_modified on customers (account_id, modified_timestamp)",
  ...["first_name", "last_name", "company_name", "primary_email", "reference"].map(
    (column) =>
      `create index customers_${column}_ci on customers (account_id, lower(${column}) text_pattern_ops)`,
  ),
  "create unique index customers_portal_user_name on customers (account_id, lower(portal_user_name)) where portal_user_name is not null",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw("drop table customers; drop sequence customer_id_seq; drop table api_keys; drop table accounts")
    .execute(db);
}
