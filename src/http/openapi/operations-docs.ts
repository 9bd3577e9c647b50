import { Type } from "typebox";
import type { RouteDoc } from "./route-docs.ts";

/**
 * The probes and /metrics, documented here rather than beside their routes
 * (src/http/health-routes.ts, src/sync/routes/metrics.ts): they are outside
 * the API proper, keyed by method and path.
 */
const OPERATIONS: Record<string, RouteDoc> = {
  "GET /healthz": {
    operationId: "operationsHealth",
    summary: "Liveness probe",
    description: "200 while the process serves HTTP; never touches the database.",
    tags: ["Operations"],
    public: true,
    success: "The process is alive.",
    response: { 200: Type.Object({ status: Type.Literal("ok") }) },
  },
  "GET /readyz": {
    operationId: "operationsReady",
    summary: "Readiness probe",
    description: "200 when the database answers and has every migration of this version; 503 otherwise.",
    tags: ["Operations"],
    public: true,
    success: "Ready to serve the API.",
    errors: [503],
    response: { 200: Type.Object({ status: Type.Literal("ready") }) },
  },
  "GET /metrics": {
    operationId: "operationsMetrics",
    summary: "Prometheus metrics",
    description:
      "Sync queue sizes and push outcomes per CRM, and HTTP request durations, in Prometheus' text format.",
    tags: ["Operations"],
    public: true,
    success: "Prometheus text exposition format.",
    produces: ["text/plain"],
    response: { 200: Type.String() },
  },
};

/** The documentation of a route that carries none itself, if it is one of the operations routes. */
export function operationsDoc(method: string, url: string): RouteDoc | undefined {
  return OPERATIONS[`${method} ${url}`];
}
