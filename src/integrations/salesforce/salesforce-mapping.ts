import type { CustomerRecord } from "../../customers/customer-record.ts";
import { fullName } from "../mapping-helpers.ts";

/**
 * What a sync writes to the Salesforce Account (by its 18-character Id).
 * Name: companyName, else "firstName lastName" — and always the person's name
 * when salesforceAccountType is Person, as Fusebill's Salesforce integration
 * does (support article 115004545527). Name is required by Salesforce, so a
 * customer with neither keeps "Customer {id}".
 * The Fusebill id goes into the field the connection names in
 * `settings.fusebillIdField` (e.g. a custom `Fusebill_Id__c`), if any.
 */
export function toSalesforceAccountFields(
  customer: CustomerRecord,
  settings: Record<string, unknown> = {},
): Record<string, string | null> {
  const person = customer.salesforceAccountType === "Person";
  const name =
    (person ? fullName(customer) : (customer.companyName ?? fullName(customer))) ?? `Customer ${customer.id}`;
  const fields: Record<string, string | null> = { Name: name, Phone: customer.primaryPhone };
  const idField = settings.fusebillIdField;
  if (typeof idField === "string" && idField) fields[idField] = String(customer.id);
  return fields;
}
