import type { FastifyInstance } from "fastify";
import { Histogram, type Registry } from "prom-client";

/** The route label of requests no route matched (404 from the not-found handler). */
export const UNMATCHED_ROUTE = "unmatched";

/**
 * `latchwork_http_request_duration_seconds{method, route, status_code}` for
 * every answered request. `route` is the route's template
 * (`/v1/customers/:id`), never the raw URL, so that the number of series stays
 * bounded whatever clients send; unknown paths all count as "unmatched".
 */
export function registerRequestMetrics(app: FastifyInstance, registry: Registry): void {
  const duration = new Histogram({
    name: "latchwork_http_request_duration_seconds",
    help: "Time from receiving a request to sending its answer, by method, route template and status code.",
    labelNames: ["method", "route", "status_code"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  app.addHook("onResponse", async (request, reply) => {
    const route = request.is404 ? UNMATCHED_ROUTE : (request.routeOptions.url ?? UNMATCHED_ROUTE);
    duration.observe(
      { method: request.method, route, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
}
