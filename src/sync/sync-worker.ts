import { randomUUID } from "node:crypto";
import type { Db } from "../db/database.ts";
import {
  clearConnectionHealth,
  findConnectionHealth,
  markConnectionFailing,
  type ProbeDelay,
} from "../integrations/connection-health.ts";
import { getCrmConnection, type IntegrationDeps } from "../integrations/crm-connection.ts";
import { backoffMs } from "./backoff.ts";
import type { CrmPusher, PushOutcome, PushTarget } from "./crm-pusher.ts";
import { type ClaimedPush, claimBatches } from "./outbox/claim-pushes.ts";
import { completePush, completePushes, failPush, releasePush } from "./outbox/settle-push.ts";
import { findCustomersByIds, markSyncBroken } from "./sync-repository.ts";

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
}

const DEFAULT_SANDBOX_PROBE: ProbeDelay = { baseMs: 30_000, capMs: 10 * 60_000 };

/**
 * A batching CRM's pushes wait up to this long for a fuller batch: at a few
 * hundred changes per second that turns 1,000 changes into ~10 HubSpot calls
 * instead of ~100, for at most this much extra propagation latency. 750 ms
 * fills a Salesforce batch (200) from ~270 changes/s and a HubSpot one (100)
 * from ~135/s, and leaves a quarter of the 1 s propagation target for the push.
 */
const DEFAULT_LINGER_MS = 750;
const DEFAULT_MIN_ROUND_GAP_MS = 25;

export interface RoundResult {
  pushed: number;
  retried: number;
  broken: number;
  /** Dead-lettered: out of attempts, or rejected by the CRM. */
  dead: number;
  /** Released untried or unsettled because the connection's credentials were refused (no attempt used). */
  held: number;
}

const emptyResult = (): RoundResult => ({ pushed: 0, retried: 0, broken: 0, dead: 0, held: 0 });

/**
 * Drains the outbox: claims due pushes per CRM, loads the customers' latest
 * state, hands them to the CRM's pusher in vendor-sized batches and settles
 * each outcome. Several workers (processes) can run against one PostgreSQL.
 */
export class SyncWorker {
  readonly workerId: string;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** Set by a round that left due pushes to fill a batch: ms until the first of them may go anyway. */
  private lingerLeftMs: number | undefined;

  constructor(
    private readonly deps: IntegrationDeps,
    private readonly options: SyncWorkerOptions,
  ) {
    this.workerId = options.workerId ?? `worker-${randomUUID()}`;
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
  }

  /** Wakes a sleeping worker (e.g. right after a commit that enqueued pushes). */
  poke(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    const pollMs = this.options.pollMs ?? 200;
    const gapMs = Math.min(pollMs, this.options.minRoundGapMs ?? DEFAULT_MIN_ROUND_GAP_MS);
    while (this.running) {
      let worked = false;
      let sleepMs = pollMs;
      const started = Date.now();
      try {
        const result = await this.runRound();
        worked = result.pushed + result.retried + result.broken + result.dead + result.held > 0;
        // a lingering batch goes when its time is up, not at the next poll
        if (this.lingerLeftMs !== undefined) sleepMs = Math.min(sleepMs, this.lingerLeftMs + 1);
      } catch {
        // a database hiccup: the claims expire and are retried by the next round
      }
      if (!worked && this.running) await this.sleep(sleepMs, started + gapMs);
    }
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

  /** One pass over every CRM. */
  async runRound(): Promise<RoundResult> {
    const total = emptyResult();
    this.lingerLeftMs = undefined;
    for (const pusher of this.options.pushers) {
      const { items, lingerLeftMs } = await claimBatches(this.deps.db, {
        crm: pusher.crm,
        workerId: this.workerId,
        limit: pusher.batchSize * (this.options.batchesPerRound ?? 5),
        leaseMs: this.options.leaseMs ?? 60_000,
        fullBatch: pusher.batchSize,
        lingerMs: pusher.lingerMs ?? this.options.lingerMs ?? (pusher.batchSize > 1 ? DEFAULT_LINGER_MS : 0),
        maxInFlight: pusher.maxInFlight,
      });
      if (lingerLeftMs !== undefined)
        this.lingerLeftMs = Math.min(this.lingerLeftMs ?? lingerLeftMs, lingerLeftMs);
      for (const group of groupBy(items, (item) => item.accountId).values()) {
        const result = await this.pushGroup(pusher, group);
        total.pushed += result.pushed;
        total.retried += result.retried;
        total.broken += result.broken;
        total.dead += result.dead;
        total.held += result.held;
      }
    }
    return total;
  }

  private async pushGroup(pusher: CrmPusher, items: ClaimedPush[]): Promise<RoundResult> {
    const result = emptyResult();
    const first = items[0] as ClaimedPush;
    // three independent reads: on PostgreSQL they run side by side on the pool
    const [customers, reach] = await Promise.all([
      findCustomersByIds(
        this.deps.db,
        first.accountId,
        items.map((item) => item.customerId),
      ),
      Promise.all([
        getCrmConnection(this.deps, first.accountId, pusher.crm),
        findConnectionHealth(this.deps.db, first.accountId, pusher.crm),
      ]).catch((error: unknown) => error as Error),
    ]);
    const targets: PushTarget[] = [];
    for (const item of items) {
      const customer = customers.get(item.customerId);
      // the customer is gone (its account was deleted): nothing left to push
      if (!customer) await completePush(this.deps.db, item, this.workerId);
      else targets.push({ item, customer });
    }
    if (!Array.isArray(reach)) {
      for (const target of targets)
        await this.settle(this.deps.db, target, { status: "retry", error: String(reach) }, result);
      return result;
    }
    const [connection, health] = reach;
    // claimed although marked failing: the probe of a sandbox connection is due
    let probing = health.status === "failing";
    for (let start = 0; start < targets.length; start += pusher.batchSize) {
      const batch = targets.slice(start, start + pusher.batchSize);
      let outcomes: PushOutcome[];
      try {
        outcomes = await pusher.push(connection, batch);
      } catch (error) {
        outcomes = batch.map(() => ({ status: "retry", error: (error as Error).message ?? String(error) }));
      }
      const refused = outcomes.find((outcome) => outcome.status === "unauthorized");
      const untried = refused ? targets.slice(start + pusher.batchSize) : [];
      if (!probing && batch.every((_, index) => outcomes[index]?.status === "pushed")) {
        // the usual case: one statement settles the batch, atomic without a transaction around it
        await this.settlePushed(this.deps.db, batch, result);
        continue;
      }
      // otherwise one transaction settles the whole batch, the pushed records in one statement
      await this.deps.db.transaction().execute(async (trx) => {
        const pushed: PushTarget[] = [];
        for (const [index, target] of batch.entries()) {
          const outcome = outcomes[index] ?? { status: "retry", error: "the pusher returned no outcome" };
          if (outcome.status === "pushed") pushed.push(target);
          else await this.settle(trx, target, outcome, result);
        }
        await this.settlePushed(trx, pushed, result);
        if (refused) {
          await markConnectionFailing(trx, {
            accountId: first.accountId,
            crm: pusher.crm,
            error: refused.error,
            probe:
              connection.settings.sandbox === true
                ? (this.options.sandboxProbe ?? DEFAULT_SANDBOX_PROBE)
                : undefined,
          });
          for (const target of untried) {
            await releasePush(trx, target.item, this.workerId, refused.error);
            result.held++;
          }
        } else if (probing && outcomes.some((outcome) => outcome.status === "pushed")) {
          await clearConnectionHealth(trx, first.accountId, pusher.crm);
          probing = false;
        }
      });
      if (refused) break;
    }
    return result;
  }

  private async settlePushed(db: Db, targets: PushTarget[], result: RoundResult): Promise<void> {
    await completePushes(
      db,
      targets.map((target) => target.item),
      this.workerId,
    );
    result.pushed += targets.length;
    for (const { item } of targets) this.options.onOutcome?.(item.crm, "pushed", { status: "pushed" });
  }

  private async settle(db: Db, target: PushTarget, outcome: PushOutcome, result: RoundResult): Promise<void> {
    const { item } = target;
    const report = (settled: PushOutcome["status"] | "dead") =>
      this.options.onOutcome?.(item.crm, settled, outcome);
    switch (outcome.status) {
      case "pushed":
        await completePush(db, item, this.workerId);
        result.pushed++;
        return report("pushed");
      case "broken":
        await failPush(db, item, this.workerId, { error: outcome.error, retryInMs: 0, dead: true });
        await markSyncBroken(db, item.customerId, item.crm);
        result.broken++;
        return report("broken");
      case "rejected":
        // the same state would be refused again: it waits for the customer's next change or a replay
        await failPush(db, item, this.workerId, { error: outcome.error, retryInMs: 0, dead: true });
        result.dead++;
        return report("rejected");
      case "unauthorized":
        await releasePush(db, item, this.workerId, outcome.error);
        result.held++;
        return report("unauthorized");
      case "retry": {
        const attempts = item.attempts + 1;
        const dead = attempts >= (this.options.maxAttempts ?? 10);
        const retryInMs = Math.max(outcome.retryAfterMs ?? 0, backoffMs(attempts, this.options.backoff));
        await failPush(db, item, this.workerId, { error: outcome.error, retryInMs, dead });
        if (dead) result.dead++;
        else result.retried++;
        return report(dead ? "dead" : "retry");
      }
    }
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
