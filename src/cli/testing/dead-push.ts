import type { Db } from "../../db/database.ts";
import { enqueuePush } from "../../sync/outbox/enqueue-push.ts";

/** Leaves a dead-lettered push of `customerId` to `crm`, as a worker does after its last failed attempt. */
export async function enqueueDeadPush(
  db: Db,
  accountId: number,
  customerId: number,
  crm: string,
  lastError: string,
): Promise<void> {
  await enqueuePush(db, { accountId, customerId, crm });
  await db
    .updateTable("syncOutbox")
    .set({ deadAt: new Date(), lastError, attempts: 10 })
    .where("customerId", "=", customerId)
    .where("crm", "=", crm)
    .execute();
}
