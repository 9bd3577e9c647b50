import { PREPARED } from "../db/database.ts";
import type { CustomersTable } from "../db/schema.ts";
import type { CustomerInput } from "./customer-input.ts";

/*
 * The SQL of the two hottest paths (read by id, full replace), written once as
 * text: building them with Kysely on every request cost more CPU than the rest
 * of a GET (profile: bench/README.md, "Build and cold start"), and constant texts can be prepared
 * once per PostgreSQL connection (`PREPARED`). Columns are aliased to the
 * camelCase names of `CustomerRecord`, so rows need no mapping.
 */
const COLUMNS = [
  "id",
  "accountId",
  "firstName",
  "middleName",
  "lastName",
  "companyName",
  "suffix",
  "primaryEmail",
  "primaryPhone",
  "secondaryEmail",
  "secondaryPhone",
  "title",
  "reference",
  "status",
  "customerAccountStatus",
  "currency",
  "reference1",
  "reference2",
  "reference3",
  "salesTrackingCodes",
  "adContent",
  "campaign",
  "keyword",
  "landingPage",
  "medium",
  "source",
  "monthlyRecurringRevenue",
  "netMonthlyRecurringRevenue",
  "salesforceId",
  "salesforceAccountType",
  "salesforceSynchStatus",
  "netsuiteId",
  "netsuiteSynchStatus",
  "netsuiteCustomerType",
  "portalUserName",
  "parentId",
  "quickBooksLatchType",
  "quickBooksId",
  "quickBooksSyncToken",
  "hubSpotId",
  "hubSpotCompanyId",
  "geotabId",
  "digitalRiverId",
  "createdTimestamp",
  "modifiedTimestamp",
] as const satisfies readonly (keyof CustomersTable)[];

// a column added to the table but not to COLUMNS fails to compile here
type Missing = Exclude<keyof CustomersTable, (typeof COLUMNS)[number]>;
const everyColumn: [Missing] extends [never] ? true : Missing = true;
void everyColumn;

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** customers.* as `CustomerRecord`, `isParent` included (derived: any customer names this one as parent). */
const RECORD = [
  ...COLUMNS.map((name) => `customers.${snake(name)} as "${name}"`),
  `exists (select 1 from customers child where child.parent_id = customers.id) as "isParent"`,
].join(", ");

/** $1 id, $2 account id. */
export const SELECT_CUSTOMER = `${PREPARED}select ${RECORD} from customers where customers.id = $1 and customers.account_id = $2`;
/**
 * `no key update`, not `update`: a write never changes the row's id (its only
 * key), and `for update` would also block the `for key share` that the foreign
 * key checks of sync_outbox and sync_state take. A worker settling a push holds
 * the outbox row and then checks that key, while the PUT's trigger waits for
 * that outbox row: a deadlock, answered with a 500 (test/reliability/lock-order.test.ts).
 */
export const SELECT_CUSTOMER_FOR_UPDATE = `${SELECT_CUSTOMER} for no key update of customers`;

/** The writable columns a full replace sets, in the order of REPLACE_CUSTOMER's parameters $3 …. */
export const REPLACED_COLUMNS = [
  "firstName",
  "middleName",
  "lastName",
  "companyName",
  "suffix",
  "primaryEmail",
  "primaryPhone",
  "secondaryEmail",
  "secondaryPhone",
  "title",
  "reference",
  "reference1",
  "reference2",
  "reference3",
  "salesTrackingCodes",
  "adContent",
  "campaign",
  "keyword",
  "landingPage",
  "medium",
  "source",
  "parentId",
  "quickBooksLatchType",
  "quickBooksId",
  "status",
] as const satisfies readonly (keyof CustomersTable)[];

// the checking path writes every field of CustomerInput (currency is a condition here): one missing from
// REPLACED_COLUMNS would be dropped by the one-statement path only, so it fails to compile instead
type Unreplaced = Exclude<Exclude<keyof CustomerInput, "currency">, (typeof REPLACED_COLUMNS)[number]>;
const everyFieldReplaced: [Unreplaced] extends [never] ? true : Unreplaced = true;
void everyFieldReplaced;

const n = REPLACED_COLUMNS.length;
const CURRENCY = `$${n + 3}::text`;
const FROM_STATUSES = `$${n + 4}::text[]`;

/**
 * A full replace in one statement, applied only when the service's rules are
 * met without reading the row first: the current status is one the new status
 * may follow, the currency is kept (CURRENCY null or equal) and the parent is
 * kept or removed. No row back means "not that simple" (or not found); the
 * service then takes the checking path, which tells which rule refused.
 * $1 id, $2 account id, $3 … the REPLACED_COLUMNS, then CURRENCY and FROM_STATUSES.
 */
export const REPLACE_CUSTOMER = `${PREPARED}update customers set ${REPLACED_COLUMNS.map(
  (name, k) => `${snake(name)} = $${k + 3}`,
).join(", ")}, currency = coalesce(${CURRENCY}, customers.currency), modified_timestamp = now()
  where customers.id = $1 and customers.account_id = $2
    and customers.status = any(${FROM_STATUSES})
    and (${CURRENCY} is null or customers.currency = ${CURRENCY})
    and ($${REPLACED_COLUMNS.indexOf("parentId") + 3}::bigint is null or customers.parent_id = $${REPLACED_COLUMNS.indexOf("parentId") + 3}::bigint)
  returning ${RECORD}`;
