import type { CustomerRecord } from "../customers/customer-serializer.ts";
import type { CrmConnection, CrmName } from "../integrations/crm-connection.ts";
import type { ClaimedPush } from "./outbox/claim-pushes.ts";

/** One customer to push, with the outbox row that asked for it. */
export interface PushTarget {
  item: ClaimedPush;
  customer: CustomerRecord;
}

/**
 * What happened to one target:
 * - pushed: the CRM has the customer's current state;
 * - retry: transient (429, 5xx, timeout); `retryAfterMs` when the CRM said when;
 * - broken: the link itself is wrong (the CRM record is gone): retrying cannot help.
 */
export type PushOutcome =
  | { status: "pushed" }
  | { status: "retry"; error: string; retryAfterMs?: number }
  | { status: "broken"; error: string };

/**
 * The CRM side of the sync engine: maps customers and sends them in the
 * vendor's batch size, reporting an outcome per target (partial failures are
 * per record: HubSpot 207, Salesforce per-record results).
 */
export interface CrmPusher {
  crm: CrmName;
  /** Records one vendor call may carry (HubSpot 100, Salesforce 200, NetSuite 1). */
  batchSize: number;
  /** Overrides the worker's wait for a fuller batch (ms); see claimPushes. */
  lingerMs?: number;
  push(connection: CrmConnection, targets: PushTarget[]): Promise<PushOutcome[]>;
}
