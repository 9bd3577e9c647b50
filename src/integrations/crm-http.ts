/**
 * What the Salesforce and NetSuite connectors share: a deadline per request,
 * and failures that mean "the CRM could not be reached" (never "not found").
 */
/** A CRM answered in a way that says nothing about the record (limits, outages, credentials). */
export class CrmUnreachable extends Error {}

/** `fetch` with a deadline; network failures and timeouts become CrmUnreachable. */
export async function fetchWithTimeout(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    // read the body under the same deadline, so that a stalled body also times out
    const body = await response.arrayBuffer();
    return new Response(body.byteLength > 0 ? body : null, {
      status: response.status,
      headers: response.headers,
    });
  } catch (error) {
    const name = (error as Error).name;
    if (name === "TimeoutError" || name === "AbortError") {
      throw new CrmUnreachable(`no answer within ${timeoutMs} ms`);
    }
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new CrmUnreachable(`connection failed${cause ? ` (${cause})` : ""}`);
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
