/**
 * At most `limit` holders at once; the others wait in arrival order. NetSuite
 * counts concurrent requests per account (shared by every integration), so
 * the pusher keeps its own requests under the connection's share of it.
 */
export class RequestGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(public limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active += 1;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // the slot passes straight to the next waiter, so a newcomer cannot overtake it
      if (next) next();
      else this.active -= 1;
    }
  }
}
