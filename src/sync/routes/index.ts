import type { App, AppDeps } from "../../http/app-deps.ts";
import { createSyncMetrics, type SyncMetrics } from "../sync-metrics.ts";
import { registerAccountSync } from "./account-sync.ts";
import { registerCustomerSync } from "./customer-sync.ts";
import { registerMetricsRoute } from "./metrics.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** The app's sync metrics, for the in-process worker to report into. */
    syncMetrics: SyncMetrics;
  }
}

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Our sync endpoints and /metrics. With `deps.afterWrite` (the in-process
 * worker's poke), every successful API write wakes the worker right away
 * instead of at its next poll, without services knowing about the worker;
 * a write that changed nothing synced only costs it one empty round.
 */
export function registerSyncRoutes(app: App, deps: AppDeps): void {
  const metrics = deps.metrics ?? createSyncMetrics(deps.db);
  app.decorate("syncMetrics", metrics);
  registerCustomerSync(app, deps);
  registerAccountSync(app, deps);
  registerMetricsRoute(app, metrics);
  const afterWrite = deps.afterWrite;
  if (afterWrite) {
    app.addHook("onResponse", async (request, reply) => {
      if (
        WRITES.has(request.method) &&
        reply.statusCode < 400 &&
        request.url.toLowerCase().startsWith("/v1/")
      ) {
        afterWrite();
      }
    });
  }
}
