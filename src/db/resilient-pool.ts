import pg from "pg";
import { isDatabaseUnavailable, markDatabaseError } from "./connection-errors.ts";

/**
 * How long a checkout keeps trying to connect while PostgreSQL refuses,
 * measured from its first failure. `pg_ctl restart -m fast` under load was
 * back in 0.5 s, a managed failover takes a few seconds: within this window
 * clients see a slower answer instead of a 503. A longer one would hold every
 * request of a real outage that long before its 503.
 */
export const RETRY_WINDOW_MS = 5_000;
/** The first wait after a failed connect; it doubles per attempt up to RETRY_MAX_DELAY_MS (with jitter). */
const RETRY_FIRST_DELAY_MS = 50;
const RETRY_MAX_DELAY_MS = 500;

export interface ResilientPoolConfig extends pg.PoolConfig {
  /**
   * Told once per pooled connection whose failure pg emits as an 'error' event: idle, held between
   * queries, or its socket ending after a query failed. The pool replaces it. A failure that only a
   * query saw goes to that query's caller instead.
   */
  onConnectionError?: ((error: Error) => void) | undefined;
  /** Told of each failed connect that the checkout retries. */
  onCheckoutRetry?: ((error: Error) => void) | undefined;
  retryWindowMs?: number | undefined;
}

type PgClientClass = new (config?: string | pg.ClientConfig) => pg.Client;
type CheckoutCallback = (err: Error | undefined, client: pg.PoolClient | undefined, done: () => void) => void;

/**
 * A pg.Pool that (1) never lets a connection's error end the process and (2)
 * retries a checkout whose connection could not be made.
 *
 * (1) pg emits 'error' on a client whose connection fails when no query is
 * waiting for it (a FATAL such as 57P01 "terminating connection due to
 * administrator command" arriving between queries), and again when the
 * socket then ends ("Connection terminated unexpectedly"), even while a query
 * is active. pg-pool listens only while a client is idle (pg-pool 3.14
 * `_acquireClient` removes its idleListener at checkout, `pool.query` adds a
 * listener only around its own query); Kysely's PostgresDriver adds none to
 * the clients it holds for a transaction or between queries. A Node
 * EventEmitter with no 'error' listener throws, which ended the server in 3 of
 * 8 PostgreSQL restarts under load (issue 14). So every client gets a listener
 * at construction, for its whole life.
 *
 * (2) The retry lives here, at checkout, rather than in routes or around
 * transactions, because only here is it certain that nothing ran: a failed
 * connect sent no statement, and a client found dead before use is dropped
 * before any statement is written to it. Every caller (pool.query in
 * runStatement, Kysely's transactions, the sync worker) goes through
 * `connect`, so none needs code of its own. A statement that fails after it
 * was sent is not retried here: the server may have run and committed it (a
 * FATAL can arrive after COMMIT did its work), so it surfaces as an
 * unavailable-database error (503) for the caller to retry. The one exception,
 * a single statement the server provably cut off before its commit, is sent
 * again by database.ts's runStatement (connection-errors.ts says when).
 */
export class ResilientPool extends pg.Pool {
  readonly #retryWindowMs: number;
  readonly #onCheckoutRetry: ((error: Error) => void) | undefined;

  constructor(config: ResilientPoolConfig) {
    const { onConnectionError, onCheckoutRetry, retryWindowMs, ...poolConfig } = config;
    const Base = (poolConfig.Client ?? pg.Client) as unknown as PgClientClass;
    class ListenedClient extends Base {
      #reported = false;
      constructor(clientConfig?: string | pg.ClientConfig) {
        super(clientConfig);
        this.on("error", (error: Error) => {
          markDatabaseError(error);
          // one report per connection: a FATAL and the socket's end then follow each other
          if (this.#reported) return;
          this.#reported = true;
          onConnectionError?.(error);
        });
      }
    }
    super({ ...poolConfig, Client: ListenedClient as unknown as typeof pg.Client });
    this.#retryWindowMs = retryWindowMs ?? RETRY_WINDOW_MS;
    this.#onCheckoutRetry = onCheckoutRetry;
    // pg-pool re-emits an idle client's error here; the client's own listener has reported it
    this.on("error", () => {});
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: CheckoutCallback): void;
  override connect(callback?: CheckoutCallback): Promise<pg.PoolClient> | undefined {
    const checkout = this.#checkout();
    if (!callback) return checkout;
    // pool.query checks out through this form
    checkout.then(
      (client) => callback(undefined, client, client.release),
      (error: Error) => callback(error, undefined, () => {}),
    );
    return undefined;
  }

  async #checkout(): Promise<pg.PoolClient> {
    let deadline: number | undefined;
    for (let attempt = 0; ; attempt++) {
      let client: pg.PoolClient;
      try {
        client = await super.connect();
      } catch (error) {
        markDatabaseError(error);
        if (!isDatabaseUnavailable(error) || this.ending) throw error;
        deadline ??= Date.now() + this.#retryWindowMs;
        const delay = Math.min(RETRY_MAX_DELAY_MS, RETRY_FIRST_DELAY_MS * 2 ** attempt);
        const wait = delay / 2 + Math.random() * (delay / 2);
        if (Date.now() + wait > deadline) throw error;
        this.#onCheckoutRetry?.(error as Error);
        await new Promise((resolve) => setTimeout(resolve, wait));
        continue;
      }
      if (isDead(client)) {
        // defensive: pg-pool hands out an idle client without looking at it, and a statement sent on a
        // dead one fails ("not queryable") although a fresh connection would have served it
        client.release(new Error("connection lost while idle"));
        continue;
      }
      return client;
    }
  }
}

/** pg's own test before reusing a client (pg-pool's `_release` reads the same two fields). */
function isDead(client: pg.PoolClient): boolean {
  const state = client as unknown as { _queryable?: boolean; _ending?: boolean };
  return state._queryable === false || state._ending === true;
}
