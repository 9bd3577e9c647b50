import type { FastifyRequest } from "fastify";
import type { App } from "../../http/app-deps.ts";

/**
 * Counts the vendor calls a sandbox answers, for tests and the sync benchmark:
 * `GET {prefix}/_stats` → `{requests, byPath, byStatus, …}` (paths as route
 * patterns, e.g. `PATCH /services/data/:version/composite/sobjects`);
 * `POST {prefix}/_stats/reset` starts over. Admin paths are not counted.
 */
export class RequestStats {
  requests = 0;
  byPath: Record<string, number> = {};
  byStatus: Record<string, number> = {};

  /** Counts a request as it arrives (faulted ones too: the client made the call). */
  arrived(request: FastifyRequest, prefix: string): void {
    const pattern = request.routeOptions.url ?? request.url.split("?")[0] ?? "";
    const key = `${request.method} ${pattern.startsWith(prefix) ? pattern.slice(prefix.length) : pattern}`;
    this.requests += 1;
    this.byPath[key] = (this.byPath[key] ?? 0) + 1;
  }

  answered(statusCode: number): void {
    this.byStatus[statusCode] = (this.byStatus[statusCode] ?? 0) + 1;
  }

  reset(): void {
    this.requests = 0;
    this.byPath = {};
    this.byStatus = {};
  }
}

/** The `_stats` admin paths; `extra` adds the sandbox's own figures (and resets them with the counts). */
export function registerStatsAdmin(
  scope: App,
  stats: RequestStats,
  extra: { read: () => Record<string, unknown>; reset?: () => void } = { read: () => ({}) },
): void {
  scope.get("/_stats", async () => ({
    requests: stats.requests,
    byPath: stats.byPath,
    byStatus: stats.byStatus,
    ...extra.read(),
  }));
  scope.post("/_stats/reset", async (_request, reply) => {
    stats.reset();
    extra.reset?.();
    return reply.code(204).send();
  });
}
