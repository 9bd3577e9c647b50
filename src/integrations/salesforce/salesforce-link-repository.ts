import { sql } from "kysely";
import { findCustomer } from "../../customers/customer-repository.ts";
import type { CustomerRecord } from "../../customers/customer-serializer.ts";
import type { Db } from "../../db/database.ts";

export type SynchStatus = "Enabled" | "Disabled";

/**
 * Latches the customer to Account `salesforceId` in one statement: unless
 * `force`, only while it is not latched to another Account. The partial unique
 * index of migration 0002 makes a concurrent latch of the same Account by
 * another customer fail with 23505. Undefined when no row qualified.
 */
export async function latchSalesforceId(
  db: Db,
  accountId: number,
  customerId: number,
  salesforceId: string,
  force: boolean,
): Promise<CustomerRecord | undefined> {
  let query = db
    .updateTable("customers")
    .set({ salesforceId, modifiedTimestamp: sql<Date>`now()` })
    .where("id", "=", customerId)
    .where("accountId", "=", accountId);
  if (!force) {
    query = query.where((eb) =>
      eb.or([eb("salesforceId", "is", null), eb("salesforceId", "=", salesforceId)]),
    );
  }
  const result = await query.executeTakeFirst();
  if (result.numUpdatedRows === 0n) return undefined;
  return findCustomer(db, accountId, customerId);
}

/** Sets the synch status of a latched customer; undefined when it is missing or not latched. */
export async function setSalesforceSynchStatus(
  db: Db,
  accountId: number,
  customerId: number,
  status: SynchStatus,
): Promise<CustomerRecord | undefined> {
  const result = await db
    .updateTable("customers")
    .set({ salesforceSynchStatus: status, modifiedTimestamp: sql<Date>`now()` })
    .where("id", "=", customerId)
    .where("accountId", "=", accountId)
    .where("salesforceId", "is not", null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return undefined;
  return findCustomer(db, accountId, customerId);
}

/** The account's customer (other than `exceptId`) latched to this Account, if any. */
export async function findSalesforceHolder(
  db: Db,
  accountId: number,
  salesforceId: string,
  exceptId: number,
): Promise<number | undefined> {
  const row = await db
    .selectFrom("customers")
    .select("id")
    .where("accountId", "=", accountId)
    .where("salesforceId", "=", salesforceId)
    .where("id", "<>", exceptId)
    .executeTakeFirst();
  return row?.id;
}
