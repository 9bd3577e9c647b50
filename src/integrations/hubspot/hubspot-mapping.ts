import type { CustomerRecord } from "../../customers/customer-record.ts";
import { firstEmail, fullName } from "../mapping-helpers.ts";

/**
 * What a sync writes to HubSpot. HubSpot clears a property given "", so a
 * field emptied in Latchwork is emptied there too.
 * Contact (by vid = hubSpotId): firstname, lastname, email, phone, company.
 * Company (by hubSpotCompanyId): name.
 */
export function toHubSpotContactProperties(customer: CustomerRecord): Record<string, string> {
  return {
    firstname: customer.firstName ?? "",
    lastname: customer.lastName ?? "",
    email: firstEmail(customer.primaryEmail) ?? "",
    phone: customer.primaryPhone ?? "",
    company: customer.companyName ?? "",
  };
}

export function toHubSpotCompanyProperties(customer: CustomerRecord): Record<string, string> {
  return { name: customer.companyName ?? fullName(customer) ?? "" };
}
