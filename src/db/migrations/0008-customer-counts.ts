import { type Kysely, sql } from "kysely";

/**
 * The number of customers of each account, kept by statement triggers, for
 * the list's X-MaxCount. Counting an account's rows on every list request
 * took ~105 ms at 100,000 customers on PGlite (a sequential scan; an
 * index-only scan after VACUUM was no faster in WebAssembly) and grows with
 * the account on PostgreSQL too. Triggers keep every writer honest (API,
 * fixtures, import, an operator's SQL).
 * Each account's count is split over SHARDS rows (by id), summed on read: with
 * one row, concurrent creates of one account queued on its lock until each
 * commit (POST at 32 connections on PostgreSQL, one bench run each: 497 req/s
 * with one row, 597 with 16, 654 before the count). A statement adds to its rows once each, in (account, shard)
 * order, so that two multi-row inserts cannot deadlock on them.
 */
/** Rows per account: enough that 32 concurrent creates seldom meet on one. */
const SHARDS = 16;

const statements = [
  `create table customer_counts (
     account_id bigint not null references accounts (id) on delete cascade,
     shard int not null,
     customers bigint not null,
     primary key (account_id, shard)
   )`,
  `insert into customer_counts (account_id, shard, customers)
     select account_id, (id % ${SHARDS})::int, count(*) from customers group by 1, 2`,
  `create function customer_counts_add() returns trigger language plpgsql as $$
   begin
     insert into customer_counts (account_id, shard, customers)
       select account_id, (id % ${SHARDS})::int, count(*) from inserted group by 1, 2 order by 1, 2
     on conflict (account_id, shard) do update set customers = customer_counts.customers + excluded.customers;
     return null;
   end $$`,
  `create function customer_counts_remove() returns trigger language plpgsql as $$
   begin
     update customer_counts c set customers = c.customers - d.n
     from (select account_id, (id % ${SHARDS})::int as shard, count(*) as n from deleted group by 1, 2 order by 1, 2) d
     where c.account_id = d.account_id and c.shard = d.shard;
     return null;
   end $$`,
  `create function customer_counts_clear() returns trigger language plpgsql as $$
   begin
     delete from customer_counts;
     return null;
   end $$`,
  `create trigger customers_count_insert after insert on customers
     referencing new table as inserted for each statement execute function customer_counts_add()`,
  `create trigger customers_count_delete after delete on customers
     referencing old table as deleted for each statement execute function customer_counts_remove()`,
  `create trigger customers_count_truncate after truncate on customers
     for each statement execute function customer_counts_clear()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const trigger of ["insert", "delete", "truncate"])
    await sql.raw(`drop trigger customers_count_${trigger} on customers`).execute(db);
  for (const name of ["add", "remove", "clear"])
    await sql.raw(`drop function customer_counts_${name}()`).execute(db);
  await sql.raw("drop table customer_counts").execute(db);
}
