import type { CustomerRecord } from "../customers/customer-record.ts";
import type { CrmConnection, CrmName } from "./crm-connection.ts";

/**
 * The contract between the sync engine (src/sync/, which claims pushes from the outbox and settles them)
 * and each CRM's pusher. It lives here, beside the CRM connection, so that src/sync imports
 * src/integrations and never the other way round.
 */

/** An outbox row claimed by a worker (src/sync/outbox/claim-pushes.ts). */
export interface ClaimedPush {
  id: number;
  accountId: number;
  customerId: number;
  crm: string;
  version: number;
  attempts: number;
}

/** One customer to push, with the outbox row that asked for it. */
export interface PushTarget {
  item: ClaimedPush;
  customer: CustomerRecord;
}

/**
 * What happened to one target:
 * - pushed: the CRM has the customer's current state;
 * - retry: transient (429, 5xx, timeout); `retryAfterMs` when the CRM said when;
 * - broken: the link itself is wrong (the CRM record is gone): retrying cannot help;
 * - rejected: the CRM refused this record's data (e.g. HubSpot 400 VALIDATION_ERROR):
 *   the same state would be refused again, so it is dead-lettered until the
 *   customer's next change (or a replay); the link stays as it is;
 * - unauthorized: the CRM refused the connection's credentials (401 after the one
 *   refresh the CRM allows): nothing is wrong with the record, the connection is
 *   marked failing and the push waits, without using up an attempt.
 */
export type PushOutcome =
  | { status: "pushed" }
  | { status: "retry"; error: string; retryAfterMs?: number }
  | { status: "broken"; error: string }
  | { status: "rejected"; error: string }
  | { status: "unauthorized"; error: string };

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
  /**
   * Caps the pushes of one account's connection claimed at once, across every
   * worker process (each claimed push is at most one request in flight):
   * NetSuite's concurrency. `setting` names the connection setting that
   * overrides `fallback`.
   */
  maxInFlight?: { setting: string; fallback: number };
  push(connection: CrmConnection, targets: PushTarget[]): Promise<PushOutcome[]>;
}
