import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import type { ClaimedPush } from "../../integrations/crm-pusher.ts";

/** Defined with the pusher contract (a pusher's targets carry it); re-exported for sync-worker.ts. */

export interface ClaimOptions {
  crm: string;
  workerId: string;
  limit: number;
  /** A claim older than this belongs to a dead worker and is claimable again. */
  leaseMs: number;
  /**
   * Batching vendors (HubSpot 100, Salesforce 200 per call) are cheaper with
   * full batches: claim only once `fullBatch` pushes are due, or the oldest
   * has waited `lingerMs`. 0 claims whatever is due.
   */
  lingerMs?: number;
  fullBatch?: number;
  /**
   * At most this many pushes of one account's connection claimed at once by
   * all workers together (unexpired claims count); `setting` in the
   * connection's settings overrides `fallback`. See claimCapped.
   */
  maxInFlight?: { setting: string; fallback: number } | undefined;
}

const RETURNING = sql`returning id, account_id as "accountId", customer_id as "customerId", crm, version, attempts`;

/**
 * Claims up to `limit` due pushes for one CRM, in one statement.
 * `FOR UPDATE SKIP LOCKED` lets any number of workers on one PostgreSQL claim
 * disjoint rows without waiting. The age test uses `available_at`, which a
 * coalesced change does not move, so a customer edited non-stop still goes out.
 * Pushes of a connection whose credentials were refused are left alone until
 * they are replaced (or a sandbox connection's probe is due): see
 * src/integrations/connection-health.ts.
 */
export async function claimPushes(db: Db, options: ClaimOptions): Promise<ClaimedPush[]> {
  return (await claimBatches(db, options)).items;
}

export interface ClaimResult {
  items: ClaimedPush[];
  /**
   * Set when due pushes were left to linger: ms until the oldest of them has
   * waited `lingerMs` (the worker sleeps until then, or until more changes come).
   */
  lingerLeftMs?: number;
}

/**
 * claimPushes, saying also how long the pushes it left behind may still wait.
 * Per account (a batch never mixes accounts), while the oldest due push is
 * younger than `lingerMs` only whole batches of `fullBatch` are claimed, the
 * rest waits to fill the next one: 1,000 changes arriving faster than the
 * linger time become exactly 10 HubSpot calls, not 10 plus a remainder each.
 * Once the oldest has waited `lingerMs`, everything due goes.
 */
export async function claimBatches(db: Db, options: ClaimOptions): Promise<ClaimResult> {
  if (options.maxInFlight) return { items: await claimCapped(db, options, options.maxInFlight) };
  const linger = sql`make_interval(secs => ${(options.lingerMs ?? 0) / 1000})`;
  const full = sql`${Math.max(1, options.fullBatch ?? 1)}::int`;
  const result = await sql<ClaimedPush & { lingerLeftMs: number | null }>`
    with due as (
      select id, account_id, available_at from sync_outbox o
      where crm = ${options.crm} and dead_at is null and available_at <= now()
        and (claimed_at is null or claimed_at < now() - make_interval(secs => ${options.leaseMs / 1000}))
        and ${connectionUsable(options.crm)}
      order by available_at, id
      limit ${options.limit}
      for update skip locked
    ), ranked as (
      select id, available_at,
        row_number() over (partition by account_id order by available_at, id) as position,
        count(*) over (partition by account_id) as waiting,
        min(available_at) over (partition by account_id) as oldest
      from due
    ), chosen as (
      select id, oldest, oldest <= now() - ${linger} or position <= (waiting / ${full}) * ${full} as go
      from ranked
    ), claimed as (
      update sync_outbox set claimed_by = ${options.workerId}, claimed_at = now()
      where id in (select id from chosen where go)
      returning id, account_id as "accountId", customer_id as "customerId", crm, version, attempts
    )
    select claimed.*, (
      select extract(epoch from min(oldest) + ${linger} - now()) * 1000 from chosen where not go
    ) as "lingerLeftMs"
    from (select 1) as one left join claimed on true`.execute(db);
  const items = result.rows.filter((row) => row.id !== null).map(toClaimed);
  const left = result.rows[0]?.lingerLeftMs;
  return left === null || left === undefined
    ? { items }
    : { items, lingerLeftMs: Math.max(0, Math.ceil(Number(left))) };
}

/** No failing-credentials mark on the row's connection, or its probe is due. */
function connectionUsable(crm: string) {
  return sql`not exists (
    select 1 from crm_connection_health h
    where h.account_id = o.account_id and h.crm = ${crm} and (h.probe_at is null or h.probe_at > now())
  )`;
}

/**
 * A claim under a per-connection cap that holds across worker processes
 * (NetSuite's concurrency): a transaction-scoped advisory lock makes the
 * capped claims of one CRM take turns, and the claim, in a statement of its
 * own after the lock (so that its snapshot sees the previous holder's
 * claims), takes per account at most the cap minus the unexpired claims
 * already out. Every claimed push is at most one request in flight, so the
 * requests of all workers together stay within the cap. A claim whose lease
 * expired (its worker died) no longer counts, and is claimable again.
 */
async function claimCapped(
  db: Db,
  options: ClaimOptions,
  cap: { setting: string; fallback: number },
): Promise<ClaimedPush[]> {
  const lease = sql`now() - make_interval(secs => ${options.leaseMs / 1000})`;
  const claim = async (trx: Db) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`latchwork:claim:${options.crm}`}))`.execute(trx);
    const result = await sql<ClaimedPush>`
      with leased as (
        select account_id, count(*) as n from sync_outbox
        where crm = ${options.crm} and claimed_at >= ${lease}
        group by account_id
      ), due as (
        select id, account_id, available_at,
          row_number() over (partition by account_id order by available_at, id) as position
        from sync_outbox o
        where crm = ${options.crm} and dead_at is null and available_at <= now()
          and (claimed_at is null or claimed_at < ${lease})
          and ${connectionUsable(options.crm)}
      ), allowed as (
        select due.id from due
        left join leased on leased.account_id = due.account_id
        left join crm_connections c on c.account_id = due.account_id and c.crm = ${options.crm}
        where due.position <= coalesce(
          case when jsonb_typeof(c.settings -> ${cap.setting}) = 'number' then floor((c.settings ->> ${cap.setting})::numeric)::int end,
          ${cap.fallback}
        ) - coalesce(leased.n, 0)
        order by due.available_at, due.id
        limit ${options.limit}
      )
      update sync_outbox set claimed_by = ${options.workerId}, claimed_at = now()
      where id in (select id from allowed)
      ${RETURNING}`.execute(trx);
    return result.rows;
  };
  const rows = db.isTransaction ? await claim(db) : await db.transaction().execute(claim);
  return rows.map(toClaimed);
}

function toClaimed(row: ClaimedPush): ClaimedPush {
  return { ...row, id: Number(row.id), version: Number(row.version) };
}
