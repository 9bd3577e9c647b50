import { messages } from "../../errors/messages.ts";
import { readErrorBody } from "../crm-answer.ts";
import type { CrmCallTrace } from "../crm-call-log.ts";
import { type CrmConnection, crmTimeoutMs, type IntegrationDeps } from "../crm-connection.ts";
import { CrmUnreachable, fetchWithTimeout, retryAfterMs } from "../crm-http.ts";
import type { CrmPusher, PushOutcome, PushTarget } from "../crm-pusher.ts";
import { describeFailure, netsuiteCredentials } from "./netsuite-connector.ts";
import { toNetsuiteCustomerFields } from "./netsuite-mapping.ts";
import { oauth1Header } from "./oauth1-signature.ts";
import { RequestGate } from "./request-gate.ts";

export interface NetsuitePusherOptions {
  /** Concurrent requests per connection when `settings.concurrency` is unset (default 5). */
  concurrency?: number;
  /** Customers handed over per call; pushed one PATCH each, `concurrency` at a time (default 25). */
  batchSize?: number;
}

const DEFAULT_CONCURRENCY = 5;
const DEFAULT_BATCH_SIZE = 25;

/**
 * Pushes customers to their NetSuite customer records: one signed
 * `PATCH record/v1/customer/{id}` each (NetSuite has no batch update), never
 * more than the connection's concurrency at once. That limit holds across
 * worker processes because the worker claims at most `concurrency` of a
 * connection's pushes at a time, all workers together (`maxInFlight`, see
 * claim-pushes.ts); a gate per pusher also keeps this process's requests under
 * it. The first answer that says NetSuite is unusable (429, 5xx, 401, timeout)
 * stops the batch: the records not yet sent are retried later instead of
 * adding to the overload. A 401 is final at once: token-based auth has no
 * token to refresh, so the connection is marked failing.
 */
export function createNetsuitePusher(deps: IntegrationDeps, options: NetsuitePusherOptions = {}): CrmPusher {
  const gates = new Map<string, RequestGate>();
  const fallback = options.concurrency ?? DEFAULT_CONCURRENCY;
  return {
    crm: "netsuite",
    batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
    // one request per record: a fuller batch saves no call, so nothing waits for one
    lingerMs: 0,
    maxInFlight: { setting: "concurrency", fallback },
    push: (connection, targets) => pushBatch(deps, gateFor(gates, connection, fallback), connection, targets),
  };
}

function gateFor(gates: Map<string, RequestGate>, connection: CrmConnection, fallback: number): RequestGate {
  const setting = connection.settings.concurrency;
  const limit = typeof setting === "number" && Number.isInteger(setting) && setting > 0 ? setting : fallback;
  const key = `${connection.baseUrl}|${connection.credentials.accountId ?? ""}|${connection.credentials.tokenId ?? connection.credentials.token ?? ""}`;
  let gate = gates.get(key);
  if (!gate) {
    gate = new RequestGate(limit);
    gates.set(key, gate);
  }
  gate.limit = limit;
  return gate;
}

async function pushBatch(
  deps: IntegrationDeps,
  gate: RequestGate,
  connection: CrmConnection,
  targets: PushTarget[],
): Promise<PushOutcome[]> {
  const timeoutMs = crmTimeoutMs(deps, connection);
  const trace: CrmCallTrace = { crm: "netsuite", logger: deps.logger };
  let stopped: PushOutcome | undefined;
  return Promise.all(
    targets.map((target) =>
      gate.run(async () => {
        if (stopped) return stopped;
        const { outcome, unusable } = await pushOne(connection, target, timeoutMs, trace);
        if (unusable && outcome.status === "unauthorized") stopped = outcome;
        else if (unusable && outcome.status === "retry" && !stopped) {
          stopped = { ...outcome, error: `${outcome.error} (not sent: NetSuite had just refused another)` };
        }
        return outcome;
      }),
    ),
  );
}

/** `unusable`: the answer says NetSuite itself is not usable now (not just this record). */
async function pushOne(
  connection: CrmConnection,
  target: PushTarget,
  timeoutMs: number,
  trace: CrmCallTrace,
): Promise<{ outcome: PushOutcome; unusable: boolean }> {
  const { customer } = target;
  // unlatched or no longer synced since the change was queued: nothing to push
  if (customer.netsuiteId === null || customer.netsuiteSynchStatus !== "Enabled")
    return { outcome: { status: "pushed" }, unusable: false };
  const url = `${connection.baseUrl}/services/rest/record/v1/customer/${encodeURIComponent(customer.netsuiteId)}`;
  let response: Response;
  try {
    response = await fetchWithTimeout(
      url,
      {
        method: "PATCH",
        headers: {
          authorization: oauth1Header("PATCH", url, netsuiteCredentials(connection)),
          "content-type": "application/json",
          accept: "application/json",
        },
        body: JSON.stringify(toNetsuiteCustomerFields(customer)),
      },
      timeoutMs,
      trace,
    );
  } catch (error) {
    if (error instanceof CrmUnreachable)
      return {
        outcome: { status: "retry", error: messages.crmPushFailed("NetSuite", error.message) },
        unusable: true,
      };
    throw error;
  }
  // NetSuite answers an update with 204 No Content, nothing else: any other success (a proxy's 200 page, a
  // mock's `{}`) is not proof that the record was written, so it is retried, never counted as pushed
  if (response.status === 204) return { outcome: { status: "pushed" }, unusable: false };
  if (response.status < 400) {
    const reason = messages.crmAnswerUnexpected(response.status, "where NetSuite answers 204 No Content");
    return {
      outcome: { status: "retry", error: messages.crmPushFailed("NetSuite", reason) },
      unusable: true,
    };
  }
  const body = await readErrorBody(response);
  const error = messages.crmPushFailed("NetSuite", describeFailure(response.status, body));
  if (response.status === 404) return { outcome: { status: "broken", error }, unusable: false };
  if (response.status === 401) {
    const refused = messages.crmCredentialsRefused("NetSuite", describeFailure(response.status, body));
    return { outcome: { status: "unauthorized", error: refused }, unusable: true };
  }
  const after = retryAfterMs(response.headers.get("retry-after"));
  return {
    outcome: { status: "retry", error, ...(after === undefined ? {} : { retryAfterMs: after }) },
    unusable: response.status === 401 || response.status === 429 || response.status >= 500,
  };
}
