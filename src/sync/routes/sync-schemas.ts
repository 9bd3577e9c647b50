import { type Static, Type } from "typebox";

/*
 * Wire schemas of our sync visibility endpoints (not part of the Fusebill API).
 * Nullable fields use `type: [T, "null"]`, as the customer schemas do.
 */
const nullableString = () => Type.Unsafe<string | null>({ type: ["string", "null"] });
const nullableInteger = () => Type.Unsafe<number | null>({ type: ["integer", "null"] });

/** Whether the account's connection to the CRM works; see src/integrations/connection-health.ts. */
export const ConnectionHealth = Type.Object({
  /** `failing`: the CRM refused the credentials; pushes wait (no attempts used) for PUT /v1/integrations/{crm}. */
  status: Type.Unsafe<"ok" | "failing">({ type: "string", enum: ["ok", "failing"] }),
  lastError: nullableString(),
  failedAt: nullableString(),
  /** A failing sandbox connection is tried again then; null for configured connections. */
  nextProbeAt: nullableString(),
});

/** One CRM's view of one customer's sync. Versions count the customer's changes for that CRM. */
export const CrmSyncState = Type.Object({
  /** Salesforce Account id, NetSuite internal id, HubSpot contact vid; null when not latched. */
  linkedId: nullableString(),
  /** HubSpot only: the latched company id. */
  linkedCompanyId: Type.Optional(nullableString()),
  /** `salesforceSynchStatus` / `netsuiteSynchStatus` as the customer shows it; null for HubSpot (it has none). */
  syncStatus: nullableString(),
  /** Whether changes of this customer are pushed to this CRM (what the outbox trigger checks). */
  syncEnabled: Type.Boolean(),
  /** A push is waiting (or in flight); false when dead-lettered. */
  pending: Type.Boolean(),
  /** The push was dead-lettered (too many attempts, or the CRM record is gone); replay or a new change revives it. */
  dead: Type.Boolean(),
  /** The newest change recorded for this CRM; equal to lastPushedVersion when nothing waits. */
  version: Type.Integer(),
  attempts: Type.Integer(),
  lastError: nullableString(),
  enqueuedAt: nullableString(),
  availableAt: nullableString(),
  lastPushedVersion: nullableInteger(),
  lastPushedAt: nullableString(),
  connection: ConnectionHealth,
});

export const CustomerSyncResponse = Type.Object({
  customerId: Type.Integer(),
  salesforce: CrmSyncState,
  netsuite: CrmSyncState,
  hubspot: CrmSyncState,
});

export const CrmQueueStats = Type.Object({
  pending: Type.Integer(),
  dead: Type.Integer(),
  /** Age in seconds of the oldest pending change, 0 when none. */
  oldestPendingSeconds: Type.Number(),
  connection: ConnectionHealth,
});

export const AccountSyncResponse = Type.Object({
  salesforce: CrmQueueStats,
  netsuite: CrmQueueStats,
  hubspot: CrmQueueStats,
});

export const ReplayResponse = Type.Object({
  /** Dead-lettered pushes put back in the queue. */
  replayed: Type.Integer(),
});

export type CrmSyncStateView = Static<typeof CrmSyncState>;
export type CustomerSyncView = Static<typeof CustomerSyncResponse>;
export type AccountSyncView = Static<typeof AccountSyncResponse>;
