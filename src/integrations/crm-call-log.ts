import type { CrmName } from "./crm-connection.ts";

/**
 * One debug line per HTTP request sent to a CRM (latches and sync pushes):
 * which CRM, method, host and path, the answer's status, how long it took,
 * and the outcome. Never a secret: no headers (bearer tokens, OAuth
 * signatures), no bodies (client secrets, record data), no query string (a
 * legacy HubSpot `hapikey`), no user info of the URL.
 */
export interface CrmCallLogger {
  debug(fields: object, message: string): void;
}

/** Where a CRM call is logged, and as which attempt of the caller (Salesforce repeats once after a token renewal). */
export interface CrmCallTrace {
  crm: CrmName;
  logger?: CrmCallLogger | undefined;
  attempt?: number;
}

export type CrmCallOutcome = "ok" | "http-error" | "timeout" | "network-error" | "unexpected-answer";

export interface CrmCallRecord {
  method: string;
  url: string;
  /** Absent when no answer came. */
  status?: number | undefined;
  startedAt: number;
  outcome: CrmCallOutcome;
}

/** The outcome an answer's status alone gives. */
export function outcomeOfStatus(status: number): CrmCallOutcome {
  return status >= 200 && status < 300 ? "ok" : "http-error";
}

/** Host and path of `url`, without user info or query (both can carry secrets). */
export function safeTarget(url: string): { host: string; path: string } {
  try {
    const parsed = new URL(url);
    return { host: parsed.host, path: parsed.pathname };
  } catch {
    return { host: "", path: "(unparseable URL)" };
  }
}

export function logCrmCall(trace: CrmCallTrace | undefined, call: CrmCallRecord): void {
  if (!trace?.logger) return;
  trace.logger.debug(
    {
      crm: trace.crm,
      method: call.method.toUpperCase(),
      ...safeTarget(call.url),
      status: call.status ?? null,
      durationMs: Math.round((performance.now() - call.startedAt) * 10) / 10,
      attempt: trace.attempt ?? 1,
      outcome: call.outcome,
    },
    "CRM call",
  );
}
