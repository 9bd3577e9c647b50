import type { Db } from "../db/database.ts";
import {
  clearConnectionHealth,
  findConnectionHealth,
  markConnectionFailing,
  type ProbeDelay,
} from "../integrations/connection-health.ts";
import { getCrmConnection, type IntegrationDeps } from "../integrations/crm-connection.ts";
import type { ClaimedPush, CrmPusher, PushOutcome, PushTarget } from "../integrations/crm-pusher.ts";
import { backoffMs, boundedRetryAfter } from "./backoff.ts";
import { completePush, completePushes, failPush, releasePush } from "./outbox/settle-push.ts";
import { findPushStates, markSyncBroken } from "./sync-repository.ts";

export interface RoundResult {
  pushed: number;
  retried: number;
  broken: number;
  /** Dead-lettered: out of attempts, or rejected by the CRM. */
  dead: number;
  /** Released untried or unsettled because the connection's credentials were refused (no attempt used). */
  held: number;
}

export const emptyResult = (): RoundResult => ({ pushed: 0, retried: 0, broken: 0, dead: 0, held: 0 });

export function addResult(total: RoundResult, result: RoundResult): void {
  total.pushed += result.pushed;
  total.retried += result.retried;
  total.broken += result.broken;
  total.dead += result.dead;
  total.held += result.held;
}

/** What pushing a group needs from its worker. */
export interface PushContext {
  deps: IntegrationDeps;
  workerId: string;
  maxAttempts: number;
  backoff?: { baseMs?: number; capMs?: number } | undefined;
  sandboxProbe: ProbeDelay;
  onOutcome?:
    | ((crm: string, settled: PushOutcome["status"] | "dead", outcome: PushOutcome) => void)
    | undefined;
}

/**
 * Pushes one account's claimed pushes for one CRM: loads the customers'
 * latest state, hands them to the pusher in vendor-sized batches and settles
 * each outcome. A refusal of the connection's credentials stops the group and
 * hands the rest back untried.
 */
export async function pushGroup(
  ctx: PushContext,
  pusher: CrmPusher,
  items: ClaimedPush[],
): Promise<RoundResult> {
  const { db } = ctx.deps;
  const result = emptyResult();
  const first = items[0] as ClaimedPush;
  // three independent reads: on PostgreSQL they run side by side on the pool
  const [customers, reach] = await Promise.all([
    findPushStates(
      db,
      first.accountId,
      pusher.crm,
      items.map((item) => item.customerId),
    ),
    Promise.all([
      getCrmConnection(ctx.deps, first.accountId, pusher.crm),
      findConnectionHealth(db, first.accountId, pusher.crm),
    ]).catch((error: unknown) => error as Error),
  ]);
  const targets: PushTarget[] = [];
  for (const item of items) {
    const state = customers.get(item.customerId);
    // the customer is gone (its account was deleted): nothing left to push
    if (!state) await completePush(db, item, ctx.workerId);
    // the state read holds every change up to its version (see findPushStates)
    else
      targets.push({
        item: { ...item, version: Math.max(item.version, state.version ?? 0) },
        customer: state.customer,
      });
  }
  if (!Array.isArray(reach)) {
    for (const target of targets)
      await settle(ctx, db, target, { status: "retry", error: String(reach) }, result);
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
      await settlePushed(ctx, db, batch, result);
      continue;
    }
    // otherwise one transaction settles the whole batch, the pushed records in one statement
    await db.transaction().execute(async (trx) => {
      const pushed: PushTarget[] = [];
      for (const [index, target] of batch.entries()) {
        const outcome = outcomes[index] ?? { status: "retry", error: "the pusher returned no outcome" };
        if (outcome.status === "pushed") pushed.push(target);
        else await settle(ctx, trx, target, outcome, result);
      }
      await settlePushed(ctx, trx, pushed, result);
      if (refused) {
        await markConnectionFailing(trx, {
          accountId: first.accountId,
          crm: pusher.crm,
          error: refused.error,
          probe: connection.settings.sandbox === true ? ctx.sandboxProbe : undefined,
        });
        for (const target of untried) {
          await releasePush(trx, target.item, ctx.workerId, refused.error);
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

async function settlePushed(
  ctx: PushContext,
  db: Db,
  targets: PushTarget[],
  result: RoundResult,
): Promise<void> {
  await completePushes(
    db,
    targets.map((target) => target.item),
    ctx.workerId,
  );
  result.pushed += targets.length;
  for (const { item } of targets) ctx.onOutcome?.(item.crm, "pushed", { status: "pushed" });
}

async function settle(
  ctx: PushContext,
  db: Db,
  target: PushTarget,
  outcome: PushOutcome,
  result: RoundResult,
): Promise<void> {
  const { item } = target;
  const { workerId } = ctx;
  const report = (settled: PushOutcome["status"] | "dead") => ctx.onOutcome?.(item.crm, settled, outcome);
  switch (outcome.status) {
    case "pushed":
      await completePush(db, item, workerId);
      result.pushed++;
      return report("pushed");
    case "broken":
      await failPush(db, item, workerId, { error: outcome.error, retryInMs: 0, dead: true });
      await markSyncBroken(db, item.customerId, item.crm);
      result.broken++;
      return report("broken");
    case "rejected":
      // the same state would be refused again: it waits for the customer's next change or a replay
      await failPush(db, item, workerId, { error: outcome.error, retryInMs: 0, dead: true });
      result.dead++;
      return report("rejected");
    case "unauthorized":
      await releasePush(db, item, workerId, outcome.error);
      result.held++;
      return report("unauthorized");
    case "retry": {
      const attempts = item.attempts + 1;
      const dead = attempts >= ctx.maxAttempts;
      const retryInMs = Math.max(
        boundedRetryAfter(outcome.retryAfterMs) ?? 0,
        backoffMs(attempts, ctx.backoff),
      );
      await failPush(db, item, workerId, { error: outcome.error, retryInMs, dead });
      if (dead) result.dead++;
      else result.retried++;
      return report(dead ? "dead" : "retry");
    }
  }
}
