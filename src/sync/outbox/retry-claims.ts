import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import { MAX_RETRY_WAIT_MS } from "../backoff.ts";

/**
 * Every push `workerId` still holds goes back to the queue as a failed
 * attempt, with `error` as its last error: what a worker does after a round
 * that failed part-way (a lost connection, a settle the database refused).
 * Without it such claims stayed claimed, unlogged, for their whole lease
 * (issue 14: a NetSuite push claimed and dropped for 60 s). Whether the CRM
 * got the change is unknown, so the push is retried (updates are idempotent);
 * an attempt is used so that a push that fails every round is dead-lettered
 * instead of looping. Returns how many claims were handed back.
 */
export async function retryClaimsOf(
  db: Db,
  workerId: string,
  failure: { error: string; retryInMs: number; maxAttempts: number },
): Promise<number> {
  const waitMs = Math.min(Math.max(0, failure.retryInMs), MAX_RETRY_WAIT_MS);
  const result = await sql`
    update sync_outbox set
      claimed_by = null,
      claimed_at = null,
      attempts = attempts + 1,
      last_error = ${failure.error.slice(0, 2000)},
      available_at = now() + make_interval(secs => ${waitMs / 1000}),
      dead_at = case when attempts + 1 >= ${failure.maxAttempts} then now() end
    where claimed_by = ${workerId}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
