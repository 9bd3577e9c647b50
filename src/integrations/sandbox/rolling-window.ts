/**
 * A rolling-window request limit per key (HubSpot's "ten-secondly rolling"
 * limit counts requests per portal over the last 10 s). Rejected requests do
 * not count.
 */
export interface WindowVerdict {
  allowed: boolean;
  max: number;
  remaining: number;
  intervalMs: number;
  /** When a rejected caller may try again. */
  retryAfterMs: number;
}

export class RollingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    public max: number,
    public intervalMs: number,
  ) {}

  hit(key: string, now = Date.now()): WindowVerdict {
    const since = now - this.intervalMs;
    const recent = (this.hits.get(key) ?? []).filter((time) => time > since);
    const allowed = recent.length < this.max;
    if (allowed) recent.push(now);
    this.hits.set(key, recent);
    const oldest = recent[0] ?? now;
    return {
      allowed,
      max: this.max,
      remaining: Math.max(0, this.max - recent.length),
      intervalMs: this.intervalMs,
      retryAfterMs: allowed ? 0 : Math.max(0, oldest + this.intervalMs - now),
    };
  }

  reset(): void {
    this.hits.clear();
  }
}
