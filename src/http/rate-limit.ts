import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ApiError } from "../errors/api-error.ts";
import { messages } from "../errors/messages.ts";

export interface RateLimitOptions {
  /** Requests per clock minute; unset or 0: no minute limit. Fusebill Live allows 1,000. */
  perMinute?: number | undefined;
  /** Requests per UTC day; unset or 0: no day limit. Fusebill Live allows 180,000. */
  perDay?: number | undefined;
  /** The clock, for tests. */
  now?: () => number;
}

const WINDOWS = [
  { name: "Minute", option: "perMinute", lengthMs: 60_000 },
  { name: "Day", option: "perDay", lengthMs: 86_400_000 },
] as const;

/**
 * Fusebill's request limits (notes §2.3): a minute and a day window, their
 * `X-Rate-Limit-*` headers on every authenticated answer, and 429 naming the
 * limit that was hit. Counted per account (every key of an account shares its
 * budget, so spelling the key differently gains nothing) in fixed windows that
 * start on the clock's minute and the UTC day, in this process's memory: each
 * API process behind a load balancer counts on its own. `Reset` headers are
 * the seconds until the window starts over. Refused requests are not counted.
 */
export function registerRateLimit(app: FastifyInstance, options: RateLimitOptions): void {
  const windows = WINDOWS.map((window) => ({ ...window, limit: options[window.option] ?? 0 })).filter(
    (window) => window.limit > 0,
  );
  if (windows.length === 0) return;
  const now = options.now ?? Date.now;
  /** accountId → per window: [window start, requests counted in it]. */
  const usage = new Map<number, [number, number][]>();

  app.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
    // set by the auth hook, which runs first, for the authenticated /v1/ API only
    const accountId = request.account?.accountId;
    if (accountId === undefined) return;
    const at = now();
    const counts = usage.get(accountId) ?? windows.map((): [number, number] => [0, 0]);
    usage.set(accountId, counts);
    const states = windows.map((window, index) => {
      const start = Math.floor(at / window.lengthMs) * window.lengthMs;
      const count = counts[index] as [number, number];
      if (count[0] !== start) count.splice(0, 2, start, 0);
      return { window, count, resetSeconds: Math.ceil((start + window.lengthMs - at) / 1000) };
    });
    const spent = states.find((state) => state.count[1] >= state.window.limit);
    if (!spent) for (const state of states) state.count[1] += 1;
    for (const { window, count, resetSeconds } of states) {
      reply.header(`X-Rate-Limit-Limit-${window.name}`, window.limit);
      reply.header(`X-Rate-Limit-Remaining-${window.name}`, Math.max(0, window.limit - count[1]));
      reply.header(`X-Rate-Limit-Reset-${window.name}`, resetSeconds);
    }
    if (spent) {
      reply.header("Retry-After", spent.resetSeconds);
      throw new ApiError(
        429,
        messages.rateLimitExceeded(spent.window.name.toLowerCase(), spent.window.limit, spent.resetSeconds),
      );
    }
  });
}
