/**
 * What the HubSpot sandbox was asked, for tests and demos
 * (`GET /sandbox/hubspot/_stats`): vendor calls in total and per
 * "METHOD /path" (query left out), and how many were answered 429.
 */
export interface HubSpotStatsView {
  requests: number;
  byPath: Record<string, number>;
  rateLimited: number;
}

export class HubSpotStats {
  private requests = 0;
  private rateLimited = 0;
  private byPath = new Map<string, number>();

  count(method: string, path: string): void {
    this.requests++;
    const key = `${method} ${path}`;
    this.byPath.set(key, (this.byPath.get(key) ?? 0) + 1);
  }

  countRateLimited(): void {
    this.rateLimited++;
  }

  view(): HubSpotStatsView {
    return {
      requests: this.requests,
      byPath: Object.fromEntries([...this.byPath].sort(([a], [b]) => a.localeCompare(b))),
      rateLimited: this.rateLimited,
    };
  }

  reset(): void {
    this.requests = 0;
    this.rateLimited = 0;
    this.byPath.clear();
  }
}
