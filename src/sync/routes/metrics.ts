import { collectDefaultMetrics } from "prom-client";
import type { App } from "../../http/app-deps.ts";
import { observeCrmCalls } from "../crm-call-metrics.ts";
import type { SyncMetrics } from "../sync-metrics.ts";

/**
 * GET /metrics in Prometheus' text format. Outside /v1, so without an API key
 * (as /healthz): it shows queue sizes and traffic across accounts, never their data.
 * Besides the sync metrics it serves the CRM request counters, Node's process
 * metrics (`process_*`, `nodejs_*`) and whatever else shares the registry
 * (the HTTP request histogram).
 */
export function registerMetricsRoute(app: App, metrics: SyncMetrics): void {
  collectDefaultMetrics({ register: metrics.registry });
  const stopObserving = observeCrmCalls(metrics.registry);
  app.addHook("onClose", async () => stopObserving());
  app.get("/metrics", async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
}
