import assert from "node:assert/strict";
import type { SyncWorker } from "../sync/sync-worker.ts";
import { selfUrl } from "./integration-test-kit.ts";
import type { TestContext } from "./test-app.ts";

/**
 * Helpers for the end-to-end sync tests: the app listens on a real port, the
 * pushers reach the built-in sandboxes over HTTP, and a SyncWorker is driven
 * round by round until the account's outbox holds nothing but dead letters.
 */
export async function drain(ctx: TestContext, worker: SyncWorker, accountId: number): Promise<number> {
  for (let rounds = 1; rounds <= 500; rounds++) {
    await worker.runRound();
    if ((await pendingPushes(ctx, accountId)) === 0) return rounds;
    // retries wait for their (test-sized) backoff
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  assert.fail(`the outbox of account ${accountId} still holds ${await pendingPushes(ctx, accountId)} pushes`);
}

export async function pendingPushes(ctx: TestContext, accountId: number): Promise<number> {
  const row = await ctx.db
    .selectFrom("syncOutbox")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("accountId", "=", accountId)
    .where("deadAt", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function deadPushes(ctx: TestContext, accountId: number) {
  return ctx.db
    .selectFrom("syncOutbox")
    .select(["customerId", "crm", "lastError"])
    .where("accountId", "=", accountId)
    .where("deadAt", "is not", null)
    .execute();
}

export interface SandboxStats {
  requests: number;
  byPath: Record<string, number>;
  byStatus: Record<string, number>;
  [figure: string]: unknown;
}

export async function sandboxStats(ctx: TestContext, crm: "salesforce" | "netsuite"): Promise<SandboxStats> {
  const response = await fetch(`${selfUrl(ctx)}/sandbox/${crm}/_stats`);
  const body = await response.text();
  assert.equal(response.status, 200, body);
  return JSON.parse(body);
}

export async function resetSandboxStats(ctx: TestContext, crm: "salesforce" | "netsuite"): Promise<void> {
  const response = await fetch(`${selfUrl(ctx)}/sandbox/${crm}/_stats/reset`, { method: "POST" });
  assert.equal(response.status, 204, await response.text());
}

/** Requests whose path contains `fragment`, from the stats' byPath. */
export function callsTo(stats: SandboxStats, fragment: string): number {
  return Object.entries(stats.byPath)
    .filter(([path]) => path.includes(fragment))
    .reduce((sum, [, count]) => sum + count, 0);
}
