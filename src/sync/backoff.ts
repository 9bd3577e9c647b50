/**
 * The longest a push waits before its next try, whatever the CRM asked for.
 * A `Retry-After` is the vendor's word, but an absurd one (a sandbox limit of
 * 1e15 ms set a push's next try to the year 33715, and 1e18 overflowed the
 * settle's interval, issue 14) must not park a push for ever: after an hour
 * the push is tried again, and a CRM still limiting answers with a new wait.
 * HubSpot's daily limit and Salesforce's 24-hour API allocation are the
 * longest real waits; one call per hour against them is negligible.
 */
export const MAX_RETRY_WAIT_MS = 60 * 60_000;

/**
 * The wait a CRM asked for, bounded by MAX_RETRY_WAIT_MS; a value that is
 * not a finite non-negative number counts as the bound.
 */
export function boundedRetryAfter(ms: number | undefined): number | undefined {
  if (ms === undefined) return undefined;
  return Number.isFinite(ms) && ms >= 0 ? Math.min(ms, MAX_RETRY_WAIT_MS) : MAX_RETRY_WAIT_MS;
}

/**
 * Capped exponential backoff with full jitter (AWS Architecture Blog,
 * "Exponential Backoff And Jitter"): attempt n waits a random time in
 * [0, min(cap, base * 2^n)], which spreads retries of many workers after an outage.
 */
export function backoffMs(
  attempt: number,
  options: { baseMs?: number; capMs?: number; random?: () => number } = {},
) {
  const base = options.baseMs ?? 1_000;
  const cap = options.capMs ?? 5 * 60_000;
  const ceiling = Math.min(cap, base * 2 ** Math.min(attempt, 30));
  return Math.floor((options.random ?? Math.random)() * ceiling);
}
