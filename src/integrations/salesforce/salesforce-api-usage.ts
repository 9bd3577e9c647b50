/**
 * The org's rolling 24-hour API allocation as Salesforce last reported it
 * (`Sforce-Limit-Info: api-usage=n/m` on every data API answer), per org and
 * client. The sync engine stops calling when usage reaches its share of the
 * allocation, so that the customer's other integrations keep theirs.
 */
export interface ApiUsage {
  used: number;
  limit: number;
  /** When Salesforce reported it (ms since the epoch). */
  at: number;
}

const usageByKey = new Map<string, ApiUsage>();

export function parseApiUsage(header: string | null): { used: number; limit: number } | undefined {
  const match = /api-usage=(\d+)\/(\d+)/i.exec(header ?? "");
  if (!match) return undefined;
  return { used: Number(match[1]), limit: Number(match[2]) };
}

export function recordApiUsage(key: string, header: string | null, now = Date.now()): void {
  const usage = parseApiUsage(header);
  if (usage) usageByKey.set(key, { ...usage, at: now });
}

/** Salesforce refused a call for the allocation (403 REQUEST_LIMIT_EXCEEDED): take it as spent. */
export function recordAllocationSpent(key: string, now = Date.now()): void {
  const known = usageByKey.get(key);
  const limit = known?.limit ?? 1;
  usageByKey.set(key, { used: limit, limit, at: now });
}

/**
 * How long to hold off before the next call, 0 when calling is fine: usage at
 * or over `share` of the allocation holds calls off for `pauseMs` after the
 * report; the first call after that learns the current usage again.
 */
export function allocationPauseMs(key: string, share: number, pauseMs: number, now = Date.now()): number {
  const usage = usageByKey.get(key);
  if (!usage || usage.used < share * usage.limit) return 0;
  return Math.max(0, usage.at + pauseMs - now);
}
