import type { App } from "../../http/app.ts";
import type { SyncMetrics } from "../sync-metrics.ts";

/**
 * GET /metrics in Prometheus' text format. Outside /v1, so without an API key
 * (as /healthz): it shows queue sizes across accounts, never their data.
 */
export function registerMetricsRoute(app: App, metrics: SyncMetrics): void {
  app.get("/metrics", async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
}
