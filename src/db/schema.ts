import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/** Row types of the database, in camelCase (the CamelCasePlugin maps them to snake_case columns). */
export interface AccountsTable {
  id: Generated<number>;
  name: string;
  isDefault: Generated<boolean>;
  defaultCurrency: Generated<string>;
  /** `test` talks to the built-in sandbox CRMs until a CRM is configured; `live` never does (0010-account-mode.ts). */
  mode: Generated<AccountMode>;
  createdAt: Generated<Date>;
}

export type AccountMode = "test" | "live";
export const ACCOUNT_MODES: readonly AccountMode[] = ["test", "live"];

export interface ApiKeysTable {
  id: Generated<number>;
  accountId: number;
  keyHash: string;
  hint: string;
  label: string | null;
  createdAt: Generated<Date>;
  revokedAt: Date | null;
}

export interface SalesTrackingCodeRow {
  type: string | null;
  code: string | null;
}

export interface CustomersTable {
  id: Generated<number>;
  accountId: number;
  firstName: string | null;
  middleName: string | null;
  lastName: string | null;
  companyName: string | null;
  suffix: string | null;
  primaryEmail: string | null;
  primaryPhone: string | null;
  secondaryEmail: string | null;
  secondaryPhone: string | null;
  title: string | null;
  reference: string | null;
  status: Generated<string>;
  customerAccountStatus: Generated<string>;
  currency: string;
  reference1: string | null;
  reference2: string | null;
  reference3: string | null;
  salesTrackingCodes: ColumnType<SalesTrackingCodeRow[], string | undefined, string>;
  adContent: string | null;
  campaign: string | null;
  keyword: string | null;
  landingPage: string | null;
  medium: string | null;
  source: string | null;
  monthlyRecurringRevenue: ColumnType<string | number, number | undefined, number>;
  netMonthlyRecurringRevenue: ColumnType<string | number, number | undefined, number>;
  salesforceId: string | null;
  salesforceAccountType: string | null;
  salesforceSynchStatus: string | null;
  netsuiteId: string | null;
  netsuiteSynchStatus: string | null;
  netsuiteCustomerType: string | null;
  portalUserName: string | null;
  parentId: number | null;
  quickBooksLatchType: string | null;
  quickBooksId: number | null;
  quickBooksSyncToken: number | null;
  hubSpotId: number | null;
  hubSpotCompanyId: number | null;
  geotabId: string | null;
  digitalRiverId: string | null;
  createdTimestamp: Generated<Date>;
  modifiedTimestamp: Generated<Date>;
}

export interface SyncOutboxTable {
  id: Generated<number>;
  accountId: number;
  customerId: number;
  crm: string;
  version: Generated<number>;
  enqueuedAt: Generated<Date>;
  availableAt: Generated<Date>;
  attempts: Generated<number>;
  claimedBy: string | null;
  claimedAt: Date | null;
  lastError: string | null;
  deadAt: Date | null;
}

/** See migrations/0005-rate-limit-buckets.ts. */
export interface RateLimitBucketsTable {
  key: string;
  tokens: number;
  refilledAt: Generated<Date>;
  granted: Generated<boolean>;
}

/** See migrations/0006-sync-state.ts: the last push that reached each CRM. */
export interface SyncStateTable {
  customerId: number;
  crm: string;
  accountId: number;
  settledChanges: ColumnType<number, number | undefined, number>;
  lastPushedVersion: number;
  lastPushedAt: Generated<Date>;
}

/** See migrations/0007-connection-health.ts: a row per connection whose credentials the CRM refused. */
export interface CrmConnectionHealthTable {
  accountId: number;
  crm: string;
  lastError: string;
  failedAt: Generated<Date>;
  probeAt: Date | null;
  probes: Generated<number>;
}

export interface CrmConnectionsTable {
  accountId: number;
  crm: string;
  baseUrl: string;
  /** AES-256-GCM, see src/integrations/secret-box.ts; never selected into a response. */
  credentialsEncrypted: string;
  settings: ColumnType<Record<string, unknown>, string | undefined, string>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface Database {
  accounts: AccountsTable;
  apiKeys: ApiKeysTable;
  customers: CustomersTable;
  crmConnections: CrmConnectionsTable;
  syncOutbox: SyncOutboxTable;
  rateLimitBuckets: RateLimitBucketsTable;
  syncState: SyncStateTable;
  crmConnectionHealth: CrmConnectionHealthTable;
}

export type Account = Selectable<AccountsTable>;
export type CustomerRow = Selectable<CustomersTable>;
export type NewCustomerRow = Insertable<CustomersTable>;
export type CustomerUpdate = Updateable<CustomersTable>;
