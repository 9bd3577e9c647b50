import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import type { ClaimedPush } from "./claim-pushes.ts";

/**
 * The push of `item.version` reached the CRM. The row goes away only if no
 * newer change arrived meanwhile; otherwise it is released for another push.
 */
export async function completePush(
  db: Db,
  item: ClaimedPush,
  workerId: string,
): Promise<"done" | "newer-pending"> {
  const deleted = await db
    .deleteFrom("syncOutbox")
    .where("id", "=", item.id)
    .where("version", "=", item.version)
    .where("claimedBy", "=", workerId)
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) > 0) return "done";
  await db
    .updateTable("syncOutbox")
    .set({ claimedBy: null, claimedAt: null, attempts: 0, lastError: null, availableAt: sql`now()` })
    .where("id", "=", item.id)
    .where("claimedBy", "=", workerId)
    .execute();
  return "newer-pending";
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
  await db
    .updateTable("syncOutbox")
    .set({
      attempts: sql`attempts + 1`,
      claimedBy: null,
      claimedAt: null,
      lastError: failure.error.slice(0, 2000),
      availableAt: sql`now() + make_interval(secs => ${failure.retryInMs / 1000})`,
      deadAt: failure.dead ? sql`now()` : null,
    })
    .where("id", "=", item.id)
    .where("claimedBy", "=", workerId)
    .execute();
}
