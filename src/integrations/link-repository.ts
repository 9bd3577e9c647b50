import { sql, type UpdateQueryBuilder, type UpdateResult } from "kysely";
import type { CustomerRecord } from "../customers/customer-record.ts";
import { findCustomer } from "../customers/customer-repository.ts";
import type { Db } from "../db/database.ts";
import type { CustomerUpdate, Database } from "../db/schema.ts";

type CustomerUpdateQuery = UpdateQueryBuilder<Database, "customers", "customers", UpdateResult>;

/**
 * Writes a customer's CRM link fields in one statement (the partial unique
 * indexes of migration 0002 then make a concurrent latch of the same CRM record
 * fail with 23505 instead of both succeeding) and answers the customer as it is
 * now. `guard` narrows which rows qualify (e.g. "not latched elsewhere").
 * Undefined when no row qualified.
 */
export async function updateCustomerLinks(
  db: Db,
  accountId: number,
  customerId: number,
  values: CustomerUpdate,
  guard: (query: CustomerUpdateQuery) => CustomerUpdateQuery = (query) => query,
): Promise<CustomerRecord | undefined> {
  const query = db
    .updateTable("customers")
    .set({ ...values, modifiedTimestamp: sql<Date>`now()` })
    .where("id", "=", customerId)
    .where("accountId", "=", accountId);
  const result = await guard(query).executeTakeFirst();
  if (result.numUpdatedRows === 0n) return undefined;
  return findCustomer(db, accountId, customerId);
}

export type LinkColumn = "salesforceId" | "netsuiteId" | "hubSpotId" | "hubSpotCompanyId";

/** The account's customer (other than `exceptId`) linked to this CRM record, if any. */
export async function findLinkHolder<C extends LinkColumn>(
  db: Db,
  accountId: number,
  column: C,
  value: NonNullable<CustomerUpdate[C]>,
  exceptId: number,
): Promise<number | undefined> {
  const row = await db
    .selectFrom("customers")
    .select("id")
    .where("accountId", "=", accountId)
    .where(column, "=", value as never)
    .where("id", "<>", exceptId)
    .executeTakeFirst();
  return row?.id;
}
