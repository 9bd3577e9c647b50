import type { CustomerRecord } from "../customers/customer-record.ts";

/** Fusebill e-mail fields may hold several addresses ("a@x.com; b@x.com"); CRMs take one. */
export function firstEmail(value: string | null): string | null {
  const first = value?.split(/[;,]/)[0]?.trim();
  return first ? first : null;
}

/** "firstName lastName", or null when both are empty. */
export function fullName(customer: Pick<CustomerRecord, "firstName" | "lastName">): string | null {
  const name = [customer.firstName, customer.lastName].filter(Boolean).join(" ").trim();
  return name ? name : null;
}
