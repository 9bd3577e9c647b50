import type { CustomerRecord } from "../../customers/customer-record.ts";
import { firstEmail } from "../mapping-helpers.ts";

/**
 * What a sync writes to the NetSuite customer record (by internal id).
 * isPerson follows netsuiteCustomerType ("Individual"), else whether the
 * customer has no company name; NetSuite requires companyName for companies
 * and first/last name for persons.
 */
export function toNetsuiteCustomerFields(customer: CustomerRecord): Record<string, string | boolean | null> {
  const isPerson =
    customer.netsuiteCustomerType === "Individual" ||
    (customer.netsuiteCustomerType !== "Company" && !customer.companyName);
  return {
    isPerson,
    companyName: customer.companyName,
    firstName: customer.firstName,
    lastName: customer.lastName,
    email: firstEmail(customer.primaryEmail),
    phone: customer.primaryPhone,
  };
}
