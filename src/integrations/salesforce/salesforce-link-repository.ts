import type { CustomerRecord } from "../../customers/customer-record.ts";
import type { Db } from "../../db/database.ts";
import { findLinkHolder, updateCustomerLinks } from "../link-repository.ts";

export type SynchStatus = "Enabled" | "Disabled";

/** Latches the customer to Account `salesforceId`: unless `force`, only while it is not latched to another Account. */
export async function latchSalesforceId(
  db: Db,
  accountId: number,
  customerId: number,
  salesforceId: string,
  force: boolean,
): Promise<CustomerRecord | undefined> {
  return updateCustomerLinks(db, accountId, customerId, { salesforceId }, (query) =>
    force
      ? query
      : query.where((eb) => eb.or([eb("salesforceId", "is", null), eb("salesforceId", "=", salesforceId)])),
  );
}

/** Sets the synch status of a latched customer; undefined when it is missing or not latched. */
export async function setSalesforceSynchStatus(
  db: Db,
  accountId: number,
  customerId: number,
  status: SynchStatus,
): Promise<CustomerRecord | undefined> {
  return updateCustomerLinks(db, accountId, customerId, { salesforceSynchStatus: status }, (query) =>
    query.where("salesforceId", "is not", null),
  );
}

/** The account's customer (other than `exceptId`) latched to this Account, if any. */
export async function findSalesforceHolder(
  db: Db,
  accountId: number,
  salesforceId: string,
  exceptId: number,
): Promise<number | undefined> {
  return findLinkHolder(db, accountId, "salesforceId", salesforceId, exceptId);
}
