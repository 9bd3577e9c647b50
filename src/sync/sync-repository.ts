import { sql } from "kysely";
import type { CustomerRecord } from "../customers/customer-record.ts";
import { isParentColumn } from "../customers/customer-repository.ts";
import type { Db } from "../db/database.ts";

/**
 * The latest state of the customers a batch pushes to `crm`, by id, with the
 * version of each customer's outbox row read in the same statement, so from the same snapshot as the
 * state: the changes that state contains. A change committed between the
 * claim and this read is in the state pushed, and settling the push with this
 * version instead of the claimed one keeps the next round from sending the same
 * state again (outage-recovery.test.ts saw a Salesforce record receive one
 * change twice on a busy machine).
 */
export async function findPushStates(
  db: Db,
  accountId: number,
  crm: string,
  ids: number[],
): Promise<Map<number, { customer: CustomerRecord; version: number | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("customers")
    .leftJoin("syncOutbox", (join) =>
      join.onRef("syncOutbox.customerId", "=", "customers.id").on("syncOutbox.crm", "=", crm),
    )
    .selectAll("customers")
    .select(isParentColumn)
    .select("syncOutbox.version as outboxVersion")
    .where("customers.accountId", "=", accountId)
    .where("customers.id", "in", ids)
    .execute();
  return new Map(
    rows.map(({ outboxVersion, ...customer }) => [
      customer.id,
      { customer, version: outboxVersion === null ? null : Number(outboxVersion) },
    ]),
  );
}

/**
 * The CRM record behind a link is gone (404 on push): the customer shows sync
 * status `Error` for that CRM instead of being retried forever. HubSpot has no
 * status field on the customer; its dead letter carries the error.
 */
export async function markSyncBroken(db: Db, customerId: number, crm: string): Promise<void> {
  const column =
    crm === "salesforce" ? "salesforceSynchStatus" : crm === "netsuite" ? "netsuiteSynchStatus" : undefined;
  if (!column) return;
  await db
    .updateTable("customers")
    .set({ [column]: "Error", modifiedTimestamp: sql<Date>`now()` })
    .where("id", "=", customerId)
    .execute();
}
