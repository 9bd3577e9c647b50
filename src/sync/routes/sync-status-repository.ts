import type { Db } from "../../db/database.ts";

/** The outbox rows (pending or dead) and the last pushes of one customer, one entry per CRM. */
export async function findCustomerSyncRows(db: Db, accountId: number, customerId: number) {
  const [outbox, state] = await Promise.all([
    db
      .selectFrom("syncOutbox")
      .select(["crm", "version", "attempts", "lastError", "enqueuedAt", "availableAt", "deadAt"])
      .where("accountId", "=", accountId)
      .where("customerId", "=", customerId)
      .execute(),
    db
      .selectFrom("syncState")
      .select(["crm", "settledChanges", "lastPushedVersion", "lastPushedAt"])
      .where("accountId", "=", accountId)
      .where("customerId", "=", customerId)
      .execute(),
  ]);
  return { outbox, state };
}
