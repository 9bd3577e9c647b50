import { Counter, type Registry } from "prom-client";

/** What the PostgreSQL pool (resilient-pool.ts) went through, for GET /metrics. */
export interface DatabaseMetrics {
  connectionErrors: Counter;
  checkoutRetries: Counter;
}

export function createDatabaseMetrics(registry: Registry): DatabaseMetrics {
  return {
    connectionErrors: new Counter({
      name: "latchwork_db_connection_errors_total",
      help: "PostgreSQL connections of the pool that failed (idle or checked out); the pool replaced each.",
      registers: [registry],
    }),
    checkoutRetries: new Counter({
      name: "latchwork_db_checkout_retries_total",
      help: "Failed connects to PostgreSQL that a checkout retried (the database restarting, failing over or full).",
      registers: [registry],
    }),
  };
}
