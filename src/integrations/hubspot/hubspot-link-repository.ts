import type { CustomerRecord } from "../../customers/customer-record.ts";
import type { Db } from "../../db/database.ts";
import { findLinkHolder, updateCustomerLinks } from "../link-repository.ts";

export type HubSpotLinkColumn = "hubSpotId" | "hubSpotCompanyId";

export interface HubSpotLinks {
  hubSpotId?: number | null;
  hubSpotCompanyId?: number | null;
}

/** Sets the given link fields (absent ones stay); undefined when the customer is gone. */
export async function setHubSpotLinks(
  db: Db,
  accountId: number,
  customerId: number,
  links: HubSpotLinks,
): Promise<CustomerRecord | undefined> {
  return updateCustomerLinks(db, accountId, customerId, links);
}

/** The account's customer (other than `exceptId`) linked to this HubSpot record, if any. */
export async function findHubSpotLinkHolder(
  db: Db,
  accountId: number,
  column: HubSpotLinkColumn,
  value: number,
  exceptId: number,
): Promise<number | undefined> {
  return findLinkHolder(db, accountId, column, value, exceptId);
}
