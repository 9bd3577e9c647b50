import { type Static, Type } from "typebox";
import { messages } from "../../errors/messages.ts";
import { readAnswer, readErrorBody, shapeOrUndefined } from "../crm-answer.ts";
import {
  type CrmConnection,
  CrmCredentialsRejected,
  crmTimeoutMs,
  type IntegrationDeps,
} from "../crm-connection.ts";
import { CrmUnreachable } from "../crm-http.ts";
import type { CrmPusher, PushOutcome, PushTarget } from "../crm-pusher.ts";
import { allocationPauseMs, recordAllocationSpent } from "./salesforce-api-usage.ts";
import { toSalesforceAccountFields } from "./salesforce-mapping.ts";
import { describeFailure, SalesforceErrors, SalesforceSession } from "./salesforce-session.ts";

export interface SalesforcePusherOptions {
  /** Share of the org's daily allocation the sync may use up (default 0.95; `settings.apiUsageShare` wins). */
  apiUsageShare?: number;
  /** How long to hold off once that share is reached or the allocation is spent (default 15 minutes). */
  allocationPauseMs?: number;
}

/** sObject Collections take at most 200 records per call. */
const COLLECTION_LIMIT = 200;
const DEFAULT_SHARE = 0.95;
const DEFAULT_PAUSE_MS = 15 * 60_000;
/** A record whose Account is gone: the link is broken, retrying cannot help. */
const GONE = new Set(["NOT_FOUND", "ENTITY_IS_DELETED"]);

/** sObject Collections' answer: one SaveResult per record, in the order sent. */
const SaveResults = Type.Array(
  Type.Object({
    id: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    success: Type.Boolean(),
    errors: Type.Optional(
      Type.Array(
        Type.Object({ statusCode: Type.Optional(Type.String()), message: Type.Optional(Type.String()) }),
      ),
    ),
  }),
);
type SaveResult = Static<typeof SaveResults>[number];

/**
 * Pushes customers to their Salesforce Accounts: one sObject Collections
 * update (`PATCH composite/sobjects`, allOrNone false) per batch of up to 200,
 * with an outcome per record from Salesforce's SaveResults. Calls stop while
 * the org's API usage (from `Sforce-Limit-Info`) is at the configured share.
 * A 401 that outlives the session's one token renewal, or a refused token
 * grant, is "unauthorized": the worker marks the connection failing.
 */
export function createSalesforcePusher(
  deps: IntegrationDeps,
  options: SalesforcePusherOptions = {},
): CrmPusher {
  return {
    crm: "salesforce",
    batchSize: COLLECTION_LIMIT,
    push: (connection, targets) => pushBatch(deps, options, connection, targets),
  };
}

async function pushBatch(
  deps: IntegrationDeps,
  options: SalesforcePusherOptions,
  connection: CrmConnection,
  targets: PushTarget[],
): Promise<PushOutcome[]> {
  const outcomes: PushOutcome[] = targets.map(() => ({ status: "pushed" }));
  // a customer unlatched or no longer synced since its change was queued has nothing to push
  const sending = [...targets.keys()].filter((index) => isSynced(targets[index] as PushTarget));
  if (sending.length === 0) return outcomes;

  const session = new SalesforceSession(connection, crmTimeoutMs(deps, connection), deps.logger);
  const share = numberSetting(connection.settings.apiUsageShare) ?? options.apiUsageShare ?? DEFAULT_SHARE;
  const pauseMs = options.allocationPauseMs ?? DEFAULT_PAUSE_MS;
  const waitMs = allocationPauseMs(session.key, share, pauseMs);
  const retryAll = (error: string, retryAfterMs?: number) => {
    for (const index of sending) {
      outcomes[index] = { status: "retry", error, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
    }
    return outcomes;
  };
  const failAll = (reason: string, retryAfterMs?: number) =>
    retryAll(messages.crmPushFailed("Salesforce", reason), retryAfterMs);
  const refuseAll = (reason: string) => {
    const error = messages.crmCredentialsRefused("Salesforce", reason);
    for (const index of sending) outcomes[index] = { status: "unauthorized", error };
    return outcomes;
  };
  if (waitMs > 0) return retryAll(messages.salesforceAllocationReserved(share, waitMs), waitMs);

  const records = sending.map((index) => {
    const customer = (targets[index] as PushTarget).customer;
    return {
      attributes: { type: "Account" },
      id: customer.salesforceId,
      ...toSalesforceAccountFields(customer, connection.settings),
    };
  });
  let response: Response;
  try {
    response = await session.request(`/services/data/${session.apiVersion}/composite/sobjects`, {
      method: "PATCH",
      json: { allOrNone: false, records },
    });
  } catch (error) {
    if (error instanceof CrmCredentialsRejected) return refuseAll(error.message);
    if (error instanceof CrmUnreachable) return failAll(error.message);
    throw error;
  }
  // the session already renewed the token once: the credentials themselves are refused
  if (response.status === 401) return refuseAll(describeFailure(401, undefined));
  if (response.status !== 200) {
    const first = shapeOrUndefined(SalesforceErrors, await readErrorBody(response))?.[0];
    const errorCode = first?.errorCode;
    // Salesforce answers REQUEST_LIMIT_EXCEEDED both for the spent daily allocation ("TotalRequests Limit
    // exceeded.") and for too many requests at once ("ConcurrentRequests (Concurrent API Requests) Limit
    // exceeded."); only the first is worth the long pause, the second clears as other requests finish.
    if (errorCode === "REQUEST_LIMIT_EXCEEDED" && /concurrent/i.test(first?.message ?? "")) {
      return failAll(describeFailure(response.status, errorCode));
    }
    if (errorCode === "REQUEST_LIMIT_EXCEEDED") {
      recordAllocationSpent(session.key);
      return failAll(describeFailure(response.status, errorCode), pauseMs);
    }
    return failAll(describeFailure(response.status, errorCode));
  }
  let results: SaveResult[];
  try {
    results = await readAnswer(response, SaveResults, "Salesforce's SaveResults");
  } catch (error) {
    if (error instanceof CrmUnreachable) return failAll(error.message);
    throw error;
  }
  for (const [position, index] of sending.entries()) outcomes[index] = toOutcome(results[position]);
  return outcomes;
}

function toOutcome(result: SaveResult | undefined): PushOutcome {
  if (!result) {
    return { status: "retry", error: messages.crmPushFailed("Salesforce", "no result for this record") };
  }
  if (result.success === true) return { status: "pushed" };
  const error = result.errors?.[0];
  const text = messages.crmPushFailed(
    "Salesforce",
    `${error?.statusCode ?? "UNKNOWN"} ${error?.message ?? "the update failed"}`,
  );
  return GONE.has(error?.statusCode ?? "")
    ? { status: "broken", error: text }
    : { status: "retry", error: text };
}

function isSynced(target: PushTarget): boolean {
  return target.customer.salesforceId !== null && target.customer.salesforceSynchStatus === "Enabled";
}

function numberSetting(value: unknown): number | undefined {
  return typeof value === "number" && value > 0 && value <= 1 ? value : undefined;
}
