/**
 * The retry policy: a request is sent again only when it got no answer (a
 * network error) or an answer that says "later" (5xx, 429). Every other status,
 * including every other 4xx, is the caller's to handle: sending it again would
 * give the same answer.
 */

/** How a client retries. Every field is optional; the defaults suit an interactive caller. */
export interface RetryOptions {
  /** Retries after the first attempt (so `maxRetries + 1` attempts at most). `0` disables retrying. Default 3. */
  maxRetries?: number;
  /** The first backoff step; each retry doubles it, up to `maxDelayMs`. Default 250 ms. */
  baseDelayMs?: number;
  /** The cap of one backoff wait (before jitter). Default 10 s. */
  maxDelayMs?: number;
  /**
   * The longest `Retry-After` the client waits for. A server asking for longer is answered
   * by returning its response (429 or 5xx) to the caller instead of sleeping. Default 60 s.
   */
  maxRetryAfterMs?: number;
  /** Called before each wait, e.g. to log it. */
  onRetry?: (event: RetryEvent) => void;
}

/** Why and how long the client waits before attempt `attempt + 1`. */
export interface RetryEvent {
  /** The attempt that failed, from 1. */
  attempt: number;
  delayMs: number;
  method: string;
  url: string;
  /** The status that asked for the retry; absent after a network error. */
  status?: number;
  /** The network error; absent when the server answered. */
  error?: unknown;
  /** Whether the wait is the server's `Retry-After`, rather than backoff. */
  fromRetryAfter: boolean;
}

const DEFAULTS = { maxRetries: 3, baseDelayMs: 250, maxDelayMs: 10_000, maxRetryAfterMs: 60_000 };

/** Whether an answer with this status may be retried. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/**
 * A `Retry-After` value in milliseconds: delta-seconds (`"120"`) or an HTTP date
 * (`"Wed, 21 Oct 2015 07:28:00 GMT"`, in the past meaning now). `undefined` when
 * absent or unreadable, so the caller falls back to backoff.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * Capped exponential backoff with full jitter: a uniform wait in
 * `[0, min(maxDelayMs, baseDelayMs * 2^(attempt-1)))`, so that clients that failed
 * together do not retry together.
 */
export function backoffDelay(
  attempt: number,
  options: Pick<RetryOptions, "baseDelayMs" | "maxDelayMs"> = {},
  random: () => number = Math.random,
): number {
  const base = options.baseDelayMs ?? DEFAULTS.baseDelayMs;
  const cap = options.maxDelayMs ?? DEFAULTS.maxDelayMs;
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

function sleep(ms: number, signal: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** The caller gave up (its signal fired): that is not a network error to retry. */
function isAbort(error: unknown, signal: AbortSignal | null): boolean {
  return signal?.aborted === true || (error instanceof Error && error.name === "AbortError");
}

/**
 * Wraps `fetch` with the retry policy. Each attempt sends a clone of the
 * request, so a body can be sent again; a response that is retried has its
 * body discarded to free the connection.
 */
export function retryingFetch(
  fetchImpl: (request: Request) => Promise<Response>,
  options: RetryOptions = {},
): (request: Request) => Promise<Response> {
  const maxRetries = Math.max(0, options.maxRetries ?? DEFAULTS.maxRetries);
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs;

  return async (request) => {
    for (let attempt = 1; ; attempt++) {
      const last = attempt > maxRetries;
      let response: Response;
      try {
        response = await fetchImpl(last ? request : request.clone());
      } catch (error) {
        if (last || isAbort(error, request.signal)) throw error;
        const delayMs = backoffDelay(attempt, options);
        options.onRetry?.({
          attempt,
          delayMs,
          method: request.method,
          url: request.url,
          error,
          fromRetryAfter: false,
        });
        await sleep(delayMs, request.signal);
        continue;
      }
      if (last || !isRetryableStatus(response.status)) return response;
      const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
      if (retryAfter !== undefined && retryAfter > maxRetryAfterMs) return response;
      const delayMs = retryAfter ?? backoffDelay(attempt, options);
      options.onRetry?.({
        attempt,
        delayMs,
        method: request.method,
        url: request.url,
        status: response.status,
        fromRetryAfter: retryAfter !== undefined,
      });
      await response.body?.cancel().catch(() => {});
      await sleep(delayMs, request.signal);
    }
  };
}
