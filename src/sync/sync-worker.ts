import { randomUUID } from "node:crypto";
import { isDatabaseUnavailable } from "../db/connection-errors.ts";
import type { ProbeDelay } from "../integrations/connection-health.ts";
import type { IntegrationDeps } from "../integrations/crm-connection.ts";
import type { ClaimedPush, CrmPusher, PushOutcome } from "../integrations/crm-pusher.ts";
import { backoffMs } from "./backoff.ts";
import { claimBatches } from "./outbox/claim-pushes.ts";
import { retryClaimsOf } from "./outbox/retry-claims.ts";
import { addResult, emptyResult, type PushContext, pushGroup, type RoundResult } from "./push-group.ts";
import { SyncRoundError } from "./sync-round-error.ts";

export type { RoundResult } from "./push-group.ts";
export { SyncRoundError } from "./sync-round-error.ts";

/** Where the worker says what it does: pino's and Fastify's loggers fit. */
export interface WorkerLog {
  debug(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface SyncWorkerOptions {
  pushers: CrmPusher[];
  workerId?: string;
  /** Pause between polls when the queue is empty. */
  pollMs?: number;
  /**
   * Least time between two rounds that found nothing ready, however often the
   * API pokes: 16 writers poking on every commit would otherwise run a claim
   * per CRM per write, competing with the writes (PGlite has one connection).
   */
  minRoundGapMs?: number;
  /** A claim older than this is taken to belong to a dead worker. */
  leaseMs?: number;
  /** Attempts before a push is dead-lettered. */
  maxAttempts?: number;
  /** Batches claimed per CRM and round. */
  batchesPerRound?: number;
  backoff?: { baseMs?: number; capMs?: number };
  /** How long a batching CRM's first due push may wait for a fuller batch (see claimPushes). */
  lingerMs?: number;
  /**
   * When a built-in sandbox connection whose credentials were refused is tried
   * again: after `baseMs`, doubling after each refused probe, at most `capMs`
   * (default 30 s to 10 min). A configured connection is not probed: it waits
   * for PUT /v1/integrations/{crm}, since its credentials need a person.
   */
  sandboxProbe?: ProbeDelay;
  /** Told how each push was settled ("dead": a retry that ran out of attempts), e.g. for metrics. */
  onOutcome?: (crm: string, settled: PushOutcome["status"] | "dead", outcome: PushOutcome) => void;
  /** Told of every round that failed (already logged), e.g. for metrics. */
  onRoundError?: (error: unknown) => void;
  log?: WorkerLog;
}

/**
 * The worker's defaults, in one place. `pollMs`: the longest a change waits
 * when no write in this process pokes the worker. `leaseMs`: a claim older
 * than this is taken to belong to a dead worker, so it must outlast a round's
 * CRM calls (10 s timeout each by default, crm-connection.ts). `maxAttempts`:
 * retries before a push is dead-lettered, spaced by backoff.ts (at most
 * 2, 4, … 256 s, then 5 min each).
 */
export const WORKER_DEFAULTS = {
  pollMs: 200,
  leaseMs: 60_000,
  maxAttempts: 10,
  batchesPerRound: 5,
  sandboxProbe: { baseMs: 30_000, capMs: 10 * 60_000 } satisfies ProbeDelay,
} as const;

/**
 * A batching CRM's pushes wait up to this long for a fuller batch: at a few
 * hundred changes per second that turns 1,000 changes into ~10 HubSpot calls
 * instead of ~100, for at most this much extra propagation latency. 750 ms
 * fills a Salesforce batch (200) from ~270 changes/s and a HubSpot one (100)
 * from ~135/s, and leaves a quarter of the 1 s propagation target for the push.
 */
const DEFAULT_LINGER_MS = 750;
const DEFAULT_MIN_ROUND_GAP_MS = 25;
/** After failed rounds the worker waits longer each time (a database that is away), up to this. */
const FAILED_ROUND_PAUSE_CAP_MS = 5_000;

/**
 * Drains the outbox: claims due pushes per CRM and has push-group.ts push and
 * settle them. Several workers (processes) can run against one PostgreSQL.
 * A round that fails part-way is logged and counted, and the claims it held
 * are handed back before the next round (retry-claims.ts), never left to
 * wait for their lease in a live worker.
 */
export class SyncWorker {
  readonly workerId: string;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** Set by a round that left due pushes to fill a batch: ms until the first of them may go anyway. */
  private lingerLeftMs: number | undefined;
  /** The error of the last round when it failed: its claims must be handed back first. */
  private failedRound: string | undefined;
  private readonly log: WorkerLog | undefined;

  constructor(
    private readonly deps: IntegrationDeps,
    private readonly options: SyncWorkerOptions,
  ) {
    this.workerId = options.workerId ?? `worker-${randomUUID()}`;
    this.log = options.log;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops polling and waits for the round in flight (SIGTERM drains, it does not abandon). */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    if (this.failedRound !== undefined) await this.recoverClaims().catch((error) => this.roundFailed(error));
  }

  /** Wakes a sleeping worker (e.g. right after a commit that enqueued pushes). */
  poke(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    const pollMs = this.options.pollMs ?? WORKER_DEFAULTS.pollMs;
    const gapMs = Math.min(pollMs, this.options.minRoundGapMs ?? DEFAULT_MIN_ROUND_GAP_MS);
    let failures = 0;
    while (this.running) {
      let worked = false;
      let sleepMs = pollMs;
      const started = Date.now();
      try {
        const result = await this.runRound();
        failures = 0;
        worked = result.pushed + result.retried + result.broken + result.dead + result.held > 0;
        // a lingering batch goes when its time is up, not at the next poll
        if (this.lingerLeftMs !== undefined) sleepMs = Math.min(sleepMs, this.lingerLeftMs + 1);
      } catch (error) {
        this.roundFailed(error);
        failures++;
        sleepMs = Math.min(FAILED_ROUND_PAUSE_CAP_MS, pollMs * 2 ** Math.min(failures - 1, 10));
      }
      if (!worked && this.running) await this.sleep(sleepMs, started + gapMs);
    }
  }

  /** Logs and counts a failed round; `failedRound` was set where it failed (runRound, recoverClaims). */
  private roundFailed(error: unknown): void {
    // a database that is away (a restart, a failover) is an operator's warning; anything else is a defect
    const away = isDatabaseUnavailable(error instanceof SyncRoundError ? error.cause : error);
    this.log?.[away ? "warn" : "error"](
      { err: error, workerId: this.workerId },
      away
        ? "sync round failed: the database is unavailable; its claims are retried"
        : "sync round failed; its claims are retried",
    );
    this.options.onRoundError?.(error);
  }

  /** Hands back, as failed attempts, the claims a failed round left behind. */
  private async recoverClaims(): Promise<void> {
    const error = `sync round failed: ${this.failedRound}`;
    const handedBack = await retryClaimsOf(this.deps.db, this.workerId, {
      error,
      retryInMs: backoffMs(1, this.options.backoff),
      maxAttempts: this.options.maxAttempts ?? WORKER_DEFAULTS.maxAttempts,
    });
    this.failedRound = undefined;
    if (handedBack > 0)
      this.log?.warn({ workerId: this.workerId, handedBack }, "claims of a failed round handed back");
  }

  /** Sleeps `ms`; a poke ends it early, though not before `notBefore` (a timestamp). */
  private async sleep(ms: number, notBefore: number): Promise<void> {
    await new Promise<void>((resolve) => {
      let timer = setTimeout(resolve, ms);
      this.wake = () => {
        this.wake = undefined;
        clearTimeout(timer);
        if (!this.running) return resolve();
        timer = setTimeout(resolve, Math.max(0, notBefore - Date.now()));
      };
    });
    this.wake = undefined;
  }

  /** One pass over every CRM. Throws when the database fails; the claims are then handed back at the next round. */
  async runRound(): Promise<RoundResult> {
    if (this.failedRound !== undefined) await this.recoverClaims();
    const total = emptyResult();
    this.lingerLeftMs = undefined;
    const context: PushContext = {
      deps: this.deps,
      workerId: this.workerId,
      maxAttempts: this.options.maxAttempts ?? WORKER_DEFAULTS.maxAttempts,
      backoff: this.options.backoff,
      sandboxProbe: this.options.sandboxProbe ?? WORKER_DEFAULTS.sandboxProbe,
      onOutcome: this.options.onOutcome,
    };
    for (const pusher of this.options.pushers) {
      const started = performance.now();
      let items: ClaimedPush[] = [];
      try {
        const claim = await claimBatches(this.deps.db, {
          crm: pusher.crm,
          workerId: this.workerId,
          limit: pusher.batchSize * (this.options.batchesPerRound ?? WORKER_DEFAULTS.batchesPerRound),
          leaseMs: this.options.leaseMs ?? WORKER_DEFAULTS.leaseMs,
          fullBatch: pusher.batchSize,
          lingerMs:
            pusher.lingerMs ?? this.options.lingerMs ?? (pusher.batchSize > 1 ? DEFAULT_LINGER_MS : 0),
          maxInFlight: pusher.maxInFlight,
        });
        items = claim.items;
        if (claim.lingerLeftMs !== undefined)
          this.lingerLeftMs = Math.min(this.lingerLeftMs ?? claim.lingerLeftMs, claim.lingerLeftMs);
        const result = emptyResult();
        for (const group of groupBy(items, (item) => item.accountId).values())
          addResult(result, await pushGroup(context, pusher, group));
        addResult(total, result);
        if (items.length > 0) {
          const ms = Math.round(performance.now() - started);
          this.log?.debug(
            { workerId: this.workerId, crm: pusher.crm, claimed: items.length, ...result, ms },
            "sync round",
          );
        }
      } catch (error) {
        // a claim taken by this round must not wait for its lease: recoverClaims hands it back
        this.failedRound = error instanceof Error ? error.message : String(error);
        throw new SyncRoundError(pusher.crm, items.length, error);
      }
    }
    return total;
  }
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
