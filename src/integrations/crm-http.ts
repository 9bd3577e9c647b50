/**
 * What the Salesforce and NetSuite connectors share: a deadline per request,
 * and failures that mean "the CRM could not be reached" (never "not found").
 */
import { messages } from "../errors/messages.ts";
import { type CrmCallTrace, logCrmCall, outcomeOfStatus } from "./crm-call-log.ts";

/** A CRM answered in a way that says nothing about the record (limits, outages, credentials). */
export class CrmUnreachable extends Error {}

/**
 * The CRM (or whatever answers at its base URL: a proxy, a login page) gave an
 * answer the vendor never gives: wrong shape, not JSON, an empty body, an
 * unexpected status. A latch reports it as a 502, a push retries.
 */
export class CrmAnswerUnexpected extends CrmUnreachable {}

/**
 * `fetch` with a deadline; network failures and timeouts become CrmUnreachable.
 * Every request is logged at debug level with `trace` (see crm-call-log.ts).
 */
export async function fetchWithTimeout(
  url: string,
  init: RequestInit,
  timeoutMs: number,
  trace?: CrmCallTrace,
): Promise<Response> {
  const startedAt = performance.now();
  const method = init.method ?? "GET";
  let status: number | undefined;
  let answer: Response;
  let body: ArrayBuffer;
  try {
    answer = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    status = answer.status;
    // read the body under the same deadline, so that a stalled body also times out
    body = await answer.arrayBuffer();
  } catch (error) {
    const name = (error as Error).name;
    if (name === "TimeoutError" || name === "AbortError") {
      logCrmCall(trace, { method, url, status, startedAt, outcome: "timeout" });
      throw new CrmUnreachable(`no answer within ${timeoutMs} ms`);
    }
    logCrmCall(trace, { method, url, status, startedAt, outcome: "network-error" });
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new CrmUnreachable(`connection failed${cause ? ` (${cause})` : ""}`);
  }
  try {
    const response = new Response(body.byteLength > 0 ? body : null, {
      status: answer.status,
      headers: answer.headers,
    });
    logCrmCall(trace, { method, url, status, startedAt, outcome: outcomeOfStatus(answer.status) });
    return response;
  } catch {
    // e.g. a 204 that carries a body: no vendor answers so
    logCrmCall(trace, { method, url, status, startedAt, outcome: "unexpected-answer" });
    throw new CrmAnswerUnexpected(messages.crmAnswerUnexpected(answer.status, "that is not valid HTTP"));
  }
}

/** A `Retry-After` header (seconds or an HTTP date) in ms; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
