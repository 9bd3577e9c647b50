import type { CustomerRecord } from "../../customers/customer-record.ts";
import type { Db } from "../../db/database.ts";
import { findLinkHolder, updateCustomerLinks } from "../link-repository.ts";

export type SynchStatus = "Enabled" | "Disabled";
export type NetsuiteCustomerType = "Individual" | "Company";

/** Latches the customer to NetSuite customer `netsuiteId`, only while it is not latched to another one. */
export async function latchNetsuiteId(
  db: Db,
  accountId: number,
  customerId: number,
  netsuiteId: string,
  customerType: NetsuiteCustomerType,
): Promise<CustomerRecord | undefined> {
  return updateCustomerLinks(
    db,
    accountId,
    customerId,
    { netsuiteId, netsuiteCustomerType: customerType },
    (query) => query.where((eb) => eb.or([eb("netsuiteId", "is", null), eb("netsuiteId", "=", netsuiteId)])),
  );
}

/** Removes the link and with it the synch status; undefined when the customer is missing. */
export async function unlatchNetsuite(
  db: Db,
  accountId: number,
  customerId: number,
): Promise<CustomerRecord | undefined> {
  return updateCustomerLinks(db, accountId, customerId, {
    netsuiteId: null,
    netsuiteSynchStatus: null,
    netsuiteCustomerType: null,
  });
}

/** Sets the synch status of a latched customer; undefined when it is missing or not latched. */
export async function setNetsuiteSynchStatus(
  db: Db,
  accountId: number,
  customerId: number,
  status: SynchStatus,
): Promise<CustomerRecord | undefined> {
  return updateCustomerLinks(db, accountId, customerId, { netsuiteSynchStatus: status }, (query) =>
    query.where("netsuiteId", "is not", null),
  );
}

/** The account's customer (other than `exceptId`) latched to this NetSuite customer, if any. */
export async function findNetsuiteHolder(
  db: Db,
  accountId: number,
  netsuiteId: string,
  exceptId: number,
): Promise<number | undefined> {
  return findLinkHolder(db, accountId, "netsuiteId", netsuiteId, exceptId);
}
