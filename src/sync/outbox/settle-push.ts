import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import type { ClaimedPush } from "../../integrations/crm-pusher.ts";
import { MAX_RETRY_WAIT_MS } from "../backoff.ts";

/**
 * The push of `item.version` reached the CRM. The row goes away only if no
 * newer change arrived meanwhile; otherwise it is released for another push.
 * Either way sync_state records the push (in the same transaction, so the
 * change count never loses a completed row's versions).
 */
export async function completePush(
  db: Db,
  item: ClaimedPush,
  workerId: string,
): Promise<"done" | "newer-pending"> {
  const settle = async (trx: Db): Promise<"done" | "newer-pending"> => {
    const deleted = await trx
      .deleteFrom("syncOutbox")
      .where("id", "=", item.id)
      .where("version", "=", item.version)
      .where("claimedBy", "=", workerId)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) > 0) {
      await recordPushed(trx, item, true);
      return "done";
    }
    const released = await trx
      .updateTable("syncOutbox")
      .set({ claimedBy: null, claimedAt: null, attempts: 0, lastError: null, availableAt: sql`now()` })
      .where("id", "=", item.id)
      .where("claimedBy", "=", workerId)
      .executeTakeFirst();
    // a claim that expired and moved to another worker settles nothing: that worker records its own push
    if (Number(released.numUpdatedRows) > 0) await recordPushed(trx, item, false);
    return "newer-pending";
  };
  return db.isTransaction ? settle(db) : db.transaction().execute(settle);
}

/**
 * completePush for a whole batch in one statement (a statement per record was
 * most of the worker's time: 2 round trips each, 200 per HubSpot batch). Rows
 * still at the pushed version go away; rows a newer change reached meanwhile
 * are released for another push; sync_state records every push that was this
 * worker's to settle. Returns how many rows were done and how many have a newer change pending.
 *
 * A row left unsettled by the statement while still this worker's is settled
 * by a second one. That is the case when a change commits while the statement
 * waits for the row (issue 14, test/reliability/burst-sync.test.ts: NetSuite
 * stuck for a whole lease in 10 of 16 bursts on PostgreSQL): both branches
 * chose their rows from one snapshot, where the row was still at the pushed
 * version, so only the delete could take it; the delete waited for the
 * change's lock and then, re-checking the row as PostgreSQL does under READ
 * COMMITTED, found a newer version and skipped it. The second statement's
 * snapshot has the newer version, and versions only grow, so its release
 * cannot be skipped the same way (settle-push.test.ts replays the interleaving).
 */
export async function completePushes(
  db: Db,
  items: ClaimedPush[],
  workerId: string,
): Promise<{ done: number; newerPending: number }> {
  const total = { done: 0, newerPending: 0 };
  let left = items;
  for (let statement = 0; statement < 2 && left.length > 0; statement++) {
    const settled = await settleBatch(db, left, workerId);
    total.done += settled.filter((row) => row.settled).length;
    total.newerPending += settled.filter((row) => !row.settled).length;
    const ids = new Set(settled.map((row) => Number(row.id)));
    // a row neither deleted nor released is gone, taken over by another worker, or missed as above
    left = left.filter((item) => !ids.has(item.id));
  }
  return total;
}

async function settleBatch(db: Db, items: ClaimedPush[], workerId: string) {
  const pushed = sql.join(items.map((item) => sql`(${item.id}::bigint, ${item.version}::bigint)`));
  const result = await sql<{ id: number; settled: boolean }>`
    with pushed (id, version) as (values ${pushed}),
    deleted as (
      delete from sync_outbox o using pushed p
      where o.id = p.id and o.version = p.version and o.claimed_by = ${workerId}
      returning o.id, o.customer_id, o.crm, o.account_id, p.version, true as settled
    ), released as (
      update sync_outbox o
      set claimed_by = null, claimed_at = null, attempts = 0, last_error = null, available_at = now()
      from pushed p
      where o.id = p.id and o.version <> p.version and o.claimed_by = ${workerId}
      returning o.id, o.customer_id, o.crm, o.account_id, p.version, false as settled
    ), recorded as (
      insert into sync_state as s (customer_id, crm, account_id, settled_changes, last_pushed_version)
      select customer_id, crm, account_id, case when settled then version else 0 end, version
      from (select * from deleted union all select * from released) as settled_rows
      on conflict (customer_id, crm) do update set
        last_pushed_version = greatest(s.last_pushed_version, s.settled_changes + excluded.last_pushed_version),
        settled_changes = s.settled_changes + excluded.settled_changes,
        last_pushed_at = now()
      returning 1
    )
    select id, settled from deleted union all select id, settled from released`.execute(db);
  return result.rows;
}

/**
 * The last push that reached the CRM (see migrations/0006-sync-state.ts).
 * `settled`: the outbox row is gone, so its versions join `settled_changes`.
 */
async function recordPushed(db: Db, item: ClaimedPush, settled: boolean): Promise<void> {
  await sql`
    insert into sync_state (customer_id, crm, account_id, settled_changes, last_pushed_version)
    values (${item.customerId}, ${item.crm}, ${item.accountId}, ${settled ? item.version : 0}, ${item.version})
    on conflict (customer_id, crm) do update set
      last_pushed_version = greatest(sync_state.last_pushed_version, sync_state.settled_changes + ${item.version}),
      settled_changes = sync_state.settled_changes + ${settled ? item.version : 0},
      last_pushed_at = now()`.execute(db);
}

/**
 * The push failed. It is retried after `retryInMs`, or dead-lettered (kept
 * with its last error, replayable) when `dead` is true.
 */
export async function failPush(
  db: Db,
  item: ClaimedPush,
  workerId: string,
  failure: { error: string; retryInMs: number; dead: boolean },
): Promise<void> {
  // bounded here too, the last step before SQL: 1e18 ms overflowed make_interval and the settle failed
  const waitMs = Number.isFinite(failure.retryInMs)
    ? Math.min(Math.max(0, failure.retryInMs), MAX_RETRY_WAIT_MS)
    : MAX_RETRY_WAIT_MS;
  await db
    .updateTable("syncOutbox")
    .set({
      attempts: sql`attempts + 1`,
      claimedBy: null,
      claimedAt: null,
      lastError: failure.error.slice(0, 2000),
      availableAt: sql`now() + make_interval(secs => ${waitMs / 1000})`,
      deadAt: failure.dead ? sql`now()` : null,
    })
    .where("id", "=", item.id)
    .where("claimedBy", "=", workerId)
    .execute();
}

/**
 * The push could not be tried for a reason that is not the record's (the
 * connection's credentials were refused): the claim is let go without using
 * up an attempt, so the push waits, as it was, for the connection to work again.
 */
export async function releasePush(db: Db, item: ClaimedPush, workerId: string, error: string): Promise<void> {
  await db
    .updateTable("syncOutbox")
    .set({ claimedBy: null, claimedAt: null, lastError: error.slice(0, 2000) })
    .where("id", "=", item.id)
    .where("claimedBy", "=", workerId)
    .execute();
}
