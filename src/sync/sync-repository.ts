import { sql } from "kysely";
import { isParentColumn } from "../customers/customer-repository.ts";
import type { CustomerRecord } from "../customers/customer-serializer.ts";
import type { Db } from "../db/database.ts";

/** The latest state of the customers a batch pushes, by id. */
export async function findCustomersByIds(
  db: Db,
  accountId: number,
  ids: number[],
): Promise<Map<number, CustomerRecord>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("customers")
    .selectAll("customers")
    .select(isParentColumn)
    .where("customers.accountId", "=", accountId)
    .where("customers.id", "in", ids)
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
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
