import type { CustomersTable } from "../../db/schema.ts";
import {
  ACCOUNT_STATUSES,
  CURRENCIES,
  QUICKBOOKS_LATCH_TYPES,
  STATUSES,
  TITLES,
} from "../customer-fields.ts";

/**
 * The one table of what `GET /v1/customers` can filter and sort by (notes §1.9).
 * Each field is known by its JSON name (camelCase, nested ones dotted) and by the
 * PascalCase names of Fusebill's List Customers page; names match case-insensitively.
 */
export type FilterKind = "text" | "enum" | "id" | "integer" | "decimal" | "timestamp";

export type FilterColumn = Exclude<keyof CustomersTable & string, "accountId" | "salesTrackingCodes">;

export interface FilterField {
  /** The JSON name: used in error texts and echoed in X-SortExpression. */
  readonly name: string;
  readonly column: FilterColumn;
  readonly kind: FilterKind;
  /** Allowed values of an enum, in their stored spelling. */
  readonly values?: readonly string[];
  /** Other accepted names (Fusebill's documented filter names, bare nested names). */
  readonly aliases?: readonly string[];
}

const SYNCH_STATUSES = ["Enabled", "Disabled"] as const;

const text = (name: string, column: FilterColumn, aliases: string[] = []): FilterField => ({
  name,
  column,
  kind: "text",
  aliases,
});
const enumField = (
  name: string,
  column: FilterColumn,
  values: readonly string[],
  aliases: string[] = [],
): FilterField => ({ name, column, kind: "enum", values, aliases });
const integer = (name: string, column: FilterColumn, aliases: string[] = []): FilterField => ({
  name,
  column,
  kind: "integer",
  aliases,
});
/** An integer that names a record (src/http/id-schema.ts): values outside 1 … MAX_ID are refused, not matched. */
const id = (name: string, column: FilterColumn): FilterField => ({ name, column, kind: "id", aliases: [] });

export const FILTER_FIELDS: readonly FilterField[] = [
  id("id", "id"),
  enumField("status", "status", STATUSES),
  enumField("customerAccountStatus", "customerAccountStatus", ACCOUNT_STATUSES, ["AccountStatus"]),
  enumField("title", "title", TITLES),
  enumField("currency", "currency", CURRENCIES),
  enumField("salesforceAccountType", "salesforceAccountType", ["Company", "Person"]),
  enumField("salesforceSynchStatus", "salesforceSynchStatus", SYNCH_STATUSES),
  enumField("netsuiteSynchStatus", "netsuiteSynchStatus", SYNCH_STATUSES, ["NetSuiteSynchStatusId"]),
  enumField("netsuiteCustomerType", "netsuiteCustomerType", ["Individual", "Company"]),
  enumField("quickBooksLatchType", "quickBooksLatchType", QUICKBOOKS_LATCH_TYPES, ["QuickBooksLatchTypeId"]),
  text("firstName", "firstName"),
  text("middleName", "middleName"),
  text("lastName", "lastName"),
  text("companyName", "companyName"),
  text("suffix", "suffix"),
  text("primaryEmail", "primaryEmail"),
  text("primaryPhone", "primaryPhone"),
  text("secondaryEmail", "secondaryEmail"),
  text("secondaryPhone", "secondaryPhone"),
  text("reference", "reference"),
  text("salesforceId", "salesforceId"),
  text("netsuiteId", "netsuiteId"),
  text("portalUserName", "portalUserName"),
  text("geotabId", "geotabId"),
  text("digitalRiverId", "digitalRiverId"),
  text("customerReference.reference1", "reference1", ["reference1"]),
  text("customerReference.reference2", "reference2", ["reference2"]),
  text("customerReference.reference3", "reference3", ["reference3"]),
  text("customerAcquisition.adContent", "adContent", ["adContent"]),
  text("customerAcquisition.campaign", "campaign", ["campaign"]),
  text("customerAcquisition.keyword", "keyword", ["keyword"]),
  text("customerAcquisition.landingPage", "landingPage", ["landingPage"]),
  text("customerAcquisition.medium", "medium", ["medium"]),
  text("customerAcquisition.source", "source", ["source"]),
  id("parentId", "parentId"),
  integer("quickBooksId", "quickBooksId"),
  integer("quickBooksSyncToken", "quickBooksSyncToken"),
  id("hubSpotId", "hubSpotId"),
  id("hubSpotCompanyId", "hubSpotCompanyId"),
  {
    name: "monthlyRecurringRevenue",
    column: "monthlyRecurringRevenue",
    kind: "decimal",
    aliases: ["CurrentMrr", "Mrr"],
  },
  {
    name: "netMonthlyRecurringRevenue",
    column: "netMonthlyRecurringRevenue",
    kind: "decimal",
    aliases: ["NetMRR", "CurrentNetMrr"],
  },
  { name: "createdTimestamp", column: "createdTimestamp", kind: "timestamp" },
  { name: "modifiedTimestamp", column: "modifiedTimestamp", kind: "timestamp" },
];

const BY_LOWER_NAME = new Map<string, FilterField>();
for (const field of FILTER_FIELDS) {
  for (const name of [field.name, ...(field.aliases ?? [])]) BY_LOWER_NAME.set(name.toLowerCase(), field);
}

/** The field a filter or sort name denotes, in any letter case; undefined when unknown. */
export function findFilterField(name: string): FilterField | undefined {
  return BY_LOWER_NAME.get(name.trim().toLowerCase());
}

/** The JSON names, for error texts listing what is allowed. */
export const FILTER_NAMES: readonly string[] = FILTER_FIELDS.map((field) => field.name);
