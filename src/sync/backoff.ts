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
