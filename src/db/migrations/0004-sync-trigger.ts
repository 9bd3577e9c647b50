import { type Kysely, sql } from "kysely";

/**
 * Every committed change of a synced customer records its push in the same
 * transaction, whatever wrote it (API, status endpoints, latch/enable, fixtures,
 * a future import or an operator's SQL): a trigger cannot be forgotten by a
 * new code path, which a call in each service could be.
 * Synced means: Salesforce and NetSuite linked with sync status Enabled (what
 * EnableSynch sets); HubSpot as soon as a contact or company is latched.
 * `enqueue_push` is the one definition of coalescing; sync/outbox/enqueue-push.ts calls it too.
 */
const statements = [
  `create function enqueue_push(p_account_id bigint, p_customer_id bigint, p_crm text) returns void
   language sql as $$
     insert into sync_outbox (account_id, customer_id, crm) values (p_account_id, p_customer_id, p_crm)
     on conflict (customer_id, crm) do update set
       version = sync_outbox.version + 1,
       enqueued_at = now(),
       attempts = case when sync_outbox.dead_at is null then sync_outbox.attempts else 0 end,
       available_at = case when sync_outbox.dead_at is null then sync_outbox.available_at else now() end,
       dead_at = null
   $$`,
  `create function customers_enqueue_sync() returns trigger language plpgsql as $$
   begin
     if new.salesforce_id is not null and new.salesforce_synch_status = 'Enabled' then
       perform enqueue_push(new.account_id, new.id, 'salesforce');
     end if;
     if new.netsuite_id is not null and new.netsuite_synch_status = 'Enabled' then
       perform enqueue_push(new.account_id, new.id, 'netsuite');
     end if;
     if new.hub_spot_id is not null or new.hub_spot_company_id is not null then
       perform enqueue_push(new.account_id, new.id, 'hubspot');
     end if;
     return null;
   end $$`,
  `create trigger customers_enqueue_sync after insert or update on customers
   for each row execute function customers_enqueue_sync()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("drop trigger customers_enqueue_sync on customers").execute(db);
  await sql
    .raw("drop function customers_enqueue_sync(); drop function enqueue_push(bigint, bigint, text)")
    .execute(db);
}
