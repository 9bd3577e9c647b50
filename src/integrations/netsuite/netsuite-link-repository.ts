import { sql } from "kysely";
import { findCustomer } from "../../customers/customer-repository.ts";
import type { CustomerRecord } from "../../customers/customer-serializer.ts";
import type { Db } from "../../db/database.ts";

export type SynchStatus = "Enabled" | "Disabled";
export type NetsuiteCustomerType = "Individual" | "Company";

/**
 * Latches the customer to NetSuite customer `netsuiteId` in one statement, only
 * while it is not latched to another one. The partial unique index of migration
 * 0002 makes a concurrent latch of the same record by another customer fail
 * with 23505. Undefined when no row qualified.
 */
export async function latchNetsuiteId(
  db: Db,
  accountId: number,
  customerId: number,
  netsuiteId: string,
  customerType: NetsuiteCustomerType,
): Promise<CustomerRecord | undefined> {
  const result = await db
    .updateTable("customers")
    .set({ netsuiteId, netsuiteCustomerType: customerType, modifiedTimestamp: sql<Date>`now()` })
    .where("id", "=", customerId)
    .where("accountId", "=", accountId)
    .where((eb) => eb.or([eb("netsuiteId", "is", null), eb("netsuiteId", "=", netsuiteId)]))
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return undefined;
  return findCustomer(db, accountId, customerId);
}

/** Removes the link and with it the synch status; undefined when the customer is missing. */
export async function unlatchNetsuite(
  db: Db,
  accountId: number,
  customerId: number,
): Promise<CustomerRecord | undefined> {
  const result = await db
    .updateTable("customers")
    .set({
      netsuiteId: null,
      netsuiteSynchStatus: null,
      netsuiteCustomerType: null,
      modifiedTimestamp: sql<Date>`now()`,
    })
    .where("id", "=", customerId)
    .where("accountId", "=", accountId)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return undefined;
  return findCustomer(db, accountId, customerId);
}

/** Sets the synch status of a latched customer; undefined when it is missing or not latched. */
export async function setNetsuiteSynchStatus(
  db: Db,
  accountId: number,
  customerId: number,
  status: SynchStatus,
): Promise<CustomerRecord | undefined> {
  const result = await db
    .updateTable("customers")
    .set({ netsuiteSynchStatus: status, modifiedTimestamp: sql<Date>`now()` })
    .where("id", "=", customerId)
    .where("accountId", "=", accountId)
    .where("netsuiteId", "is not", null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return undefined;
  return findCustomer(db, accountId, customerId);
}

/** The account's customer (other than `exceptId`) latched to this NetSuite customer, if any. */
export async function findNetsuiteHolder(
  db: Db,
  accountId: number,
  netsuiteId: string,
  exceptId: number,
): Promise<number | undefined> {
  const row = await db
    .selectFrom("customers")
    .select("id")
    .where("accountId", "=", accountId)
    .where("netsuiteId", "=", netsuiteId)
    .where("id", "<>", exceptId)
    .executeTakeFirst();
  return row?.id;
}
