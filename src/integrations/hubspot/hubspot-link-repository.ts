import { sql } from "kysely";
import { findCustomer } from "../../customers/customer-repository.ts";
import type { CustomerRecord } from "../../customers/customer-serializer.ts";
import type { Db } from "../../db/database.ts";

export type HubSpotLinkColumn = "hubSpotId" | "hubSpotCompanyId";

export interface HubSpotLinks {
  hubSpotId?: number | null;
  hubSpotCompanyId?: number | null;
}

/**
 * Sets the given link fields (absent ones stay). One statement: the partial
 * unique indexes of migration 0002 make a concurrent latch of the same record
 * fail with 23505 instead of both succeeding. Undefined when the customer is gone.
 */
export async function setHubSpotLinks(
  db: Db,
  accountId: number,
  customerId: number,
  links: HubSpotLinks,
): Promise<CustomerRecord | undefined> {
  const result = await db
    .updateTable("customers")
    .set({ ...links, modifiedTimestamp: sql<Date>`now()` })
    .where("id", "=", customerId)
    .where("accountId", "=", accountId)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return undefined;
  return findCustomer(db, accountId, customerId);
}

/** The account's customer (other than `exceptId`) linked to this HubSpot record, if any. */
export async function findHubSpotLinkHolder(
  db: Db,
  accountId: number,
  column: HubSpotLinkColumn,
  value: number,
  exceptId: number,
): Promise<number | undefined> {
  const row = await db
    .selectFrom("customers")
    .select("id")
    .where("accountId", "=", accountId)
    .where(column, "=", value)
    .where("id", "<>", exceptId)
    .executeTakeFirst();
  return row?.id;
}
