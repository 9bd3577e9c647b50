import type { CustomerRecord } from "../../src/customers/customer-record.ts";
import { toCustomerResponse } from "../../src/customers/customer-serializer.ts";

/**
 * The benchmark's customers, the same for every server: deterministic, about
 * 1 KB each on the wire, ids `ID_BASE + i`. One in LAST_NAMES.length has a last
 * name starting with "Sm", so `lastName:Sm*` matches a steady share of them.
 */
export const ID_BASE = 200_000_001;

const FIRST_NAMES = ["John", "Mary", "Ahmed", "Li", "Sofia", "Lucas", "Aiko", "Olga", "Kwame", "Ines"];
const LAST_NAMES = [
  "Smith",
  "Jones",
  "Garcia",
  "Brown",
  "Miller",
  "Davis",
  "Wilson",
  "Moore",
  "Taylor",
  "Clark",
];
const EPOCH = Date.parse("2025-01-01T00:00:00Z");

/** Writable fields of customer `i`, as the API accepts them (also the body of the PUTs and POSTs). */
export function customerFields(i: number, variant = 0): Record<string, string | null> {
  const first = FIRST_NAMES[(i + variant) % FIRST_NAMES.length] as string;
  const last = LAST_NAMES[i % LAST_NAMES.length] as string;
  const tag = `${i.toString(36)}-${variant}`;
  return {
    firstName: first,
    middleName: null,
    lastName: last,
    companyName: `${last} & ${first} Trading Company ${tag}`,
    suffix: null,
    primaryEmail: `${first}.${last}.${tag}@example.com`.toLowerCase(),
    primaryPhone: `+1 555 ${String(i % 10_000_000).padStart(7, "0")}`,
    secondaryEmail: `billing.${tag}@example.com`,
    secondaryPhone: `+1 555 ${String((i * 7) % 10_000_000).padStart(7, "0")}`,
    title: "Mr",
    reference: `REF-${tag}-customer-reference`,
  };
}

const ACQUISITION = (i: number) => ({
  reference1: `Reference one for customer ${i}`,
  reference2: `Reference two for customer ${i}`,
  reference3: `Reference three for customer ${i}`,
  adContent: "Spring campaign banner, 728x90, variant B",
  campaign: `Campaign ${i % 97}`,
  keyword: "self-hosted billing api",
  landingPage: "https://www.example.com/landing/pricing?utm_source=bench",
  medium: "cpc",
  source: "search",
});

/** The full database row of customer `i` in `accountId`. */
export function customerRecord(i: number, accountId: number): CustomerRecord {
  const timestamp = new Date(EPOCH + i * 1000);
  return {
    id: ID_BASE + i,
    accountId,
    ...customerFields(i),
    ...ACQUISITION(i),
    status: "Active",
    customerAccountStatus: "Good",
    currency: "USD",
    salesTrackingCodes: [],
    monthlyRecurringRevenue: "0",
    netMonthlyRecurringRevenue: "0",
    salesforceId: null,
    salesforceAccountType: null,
    salesforceSynchStatus: null,
    netsuiteId: null,
    netsuiteSynchStatus: null,
    netsuiteCustomerType: null,
    portalUserName: null,
    parentId: null,
    quickBooksLatchType: null,
    quickBooksId: null,
    quickBooksSyncToken: null,
    hubSpotId: null,
    hubSpotCompanyId: null,
    geotabId: null,
    digitalRiverId: null,
    createdTimestamp: timestamp,
    modifiedTimestamp: timestamp,
    isParent: false,
  } as unknown as CustomerRecord;
}

/** Customer `i` as `GET /v1/customers/{id}` answers it (the in-memory servers serve this). */
export function customerJson(i: number, baseUrl: string): Record<string, unknown> {
  return toCustomerResponse(customerRecord(i, 1), baseUrl) as unknown as Record<string, unknown>;
}
