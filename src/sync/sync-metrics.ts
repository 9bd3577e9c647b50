import { Counter, Gauge, Registry } from "prom-client";
import type { Db } from "../db/database.ts";
import { CRM_NAMES } from "../integrations/crm-connection.ts";
import type { PushOutcome } from "../integrations/crm-pusher.ts";
import { type OutboxStats, outboxStats } from "./outbox/outbox-stats.ts";
import { SyncRoundError } from "./sync-round-error.ts";

/** How the worker settled one push: the outcome, or "dead" when a retry ran out of attempts. */
export type SettledOutcome = PushOutcome["status"] | "dead";

export interface SyncMetrics {
  /** Its own registry (not prom-client's global one), so several apps in one process do not collide. */
  registry: Registry;
  /** Counts one settled push; a retry the CRM asked to delay (429, Retry-After) also counts as rate-limited. */
  recordOutcome(crm: string, settled: SettledOutcome, outcome: PushOutcome): void;
  /** Counts one failed worker round (logged by the worker; its claims are retried). */
  recordRoundFailure(error: unknown): void;
}

/**
 * The sync engine's Prometheus metrics. Queue gauges are read from the outbox
 * at scrape time (so they are right whichever process does the pushing);
 * counters count what the workers of this process settled.
 */
export function createSyncMetrics(db: Db): SyncMetrics {
  const registry = new Registry();
  // one query per scrape: the three gauges collect concurrently and share it
  let scrape: Promise<OutboxStats[]> | undefined;
  const stats = () => {
    scrape ??= outboxStats(db).finally(() => {
      scrape = undefined;
    });
    return scrape;
  };
  const queueGauge = (name: string, help: string, pick: (row: OutboxStats) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ["crm"],
      registers: [registry],
      async collect() {
        const rows = await stats();
        for (const crm of CRM_NAMES) {
          const row = rows.find((candidate) => candidate.crm === crm);
          this.set({ crm }, row ? pick(row) : 0);
        }
      },
    });
  queueGauge(
    "latchwork_sync_outbox_pending",
    "Pushes waiting for a CRM (not dead-lettered).",
    (row) => row.pending,
  );
  queueGauge("latchwork_sync_outbox_dead", "Dead-lettered pushes waiting for a replay.", (row) => row.dead);
  queueGauge(
    "latchwork_sync_outbox_oldest_pending_seconds",
    "Age of the oldest pending change, 0 when none.",
    (row) => row.oldestPendingSeconds,
  );
  const pushes = new Counter({
    name: "latchwork_sync_pushes_total",
    help: "Pushes settled by this process's workers, by CRM and outcome (pushed, retry, broken, rejected, unauthorized, dead).",
    labelNames: ["crm", "outcome"],
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: "latchwork_sync_rate_limited_total",
    help: "Retries the CRM asked to delay (429 or Retry-After), by CRM.",
    labelNames: ["crm"],
    registers: [registry],
  });
  const roundFailures = new Counter({
    name: "latchwork_sync_round_failures_total",
    help: "Worker rounds that failed part-way (database errors); their claimed pushes are retried, by CRM.",
    labelNames: ["crm"],
    registers: [registry],
  });
  return {
    registry,
    recordRoundFailure(error) {
      roundFailures.inc({ crm: error instanceof SyncRoundError ? error.crm : "unknown" });
    },
    recordOutcome(crm, settled, outcome) {
      pushes.inc({ crm, outcome: settled });
      if (outcome.status === "retry" && outcome.retryAfterMs !== undefined) rateLimited.inc({ crm });
    },
  };
}
