import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { CamelCasePlugin, CompiledQuery, Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { certainlyNotCommitted, markCutOffBeforeCommand } from "./connection-errors.ts";
import { PGliteDialect } from "./pglite-dialect.ts";
import { PrivateNodeFS } from "./private-node-fs.ts";
import { ResilientPool } from "./resilient-pool.ts";
import type { Database } from "./schema.ts";

export type Db = Kysely<Database>;

export interface DatabaseOptions {
  /** `postgres://…` for PostgreSQL, `memory://` for in-memory PGlite, else PGlite persisted in `dataDir`. */
  url?: string | undefined;
  dataDir?: string | undefined;
  /** A PGlite data directory dump (from `dumpDataDir`) to start from instead of running initdb. */
  pgliteTemplate?: Blob | undefined;
  poolSize?: number | undefined;
  /** Told once per PostgreSQL connection that fails, idle or checked out (resilient-pool.ts; the pool replaces it). */
  onPoolError?: ((error: Error) => void) | undefined;
  /** Told of each failed connect a checkout retries (resilient-pool.ts). */
  onCheckoutRetry?: ((error: Error) => void) | undefined;
  /** How long a checkout retries connecting (RETRY_WINDOW_MS unless set). */
  retryWindowMs?: number | undefined;
}

export interface DatabaseHandle {
  db: Db;
  kind: "postgres" | "pglite";
  /** Underlying PGlite instance, when that is the engine (for dumps in tests). */
  pglite?: PGlite;
}

/**
 * PGlite keeps PostgreSQL's default 128 MB of shared buffers in its WebAssembly
 * memory, which never shrinks: most of the process's RSS. Its pages are files
 * the OS caches anyway, and random reads by id ran no slower with 16 MB in the
 * bench (100,000 customers), while the server's RSS fell by about 100 MB.
 */
const PGLITE_SHARED_BUFFERS = "16MB";

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** The pool behind each PostgreSQL `Db` (not its transactions, which hold one connection of it). */
const pools = new WeakMap<Db, ResilientPool>();

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const url = options.url ?? "";
  const plugins = [new CamelCasePlugin()];
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    // resilient-pool.ts: a failed connection never ends the process; a checkout retries connecting
    const pool = new ResilientPool({
      Client: PreparingClient,
      onConnectionError: options.onPoolError,
      onCheckoutRetry: options.onCheckoutRetry,
      retryWindowMs: options.retryWindowMs,
      connectionString: url,
      max: options.poolSize ?? 10,
      types: {
        // ids fit in a double (they are below 2^53); money keeps its string form until serialised
        getTypeParser: ((oid: number, format?: "text" | "binary") =>
          oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
    pools.set(db, pool);
    return { db, kind: "postgres" };
  }
  const inMemory = url === "memory://" || (!url && !options.dataDir);
  if (!inMemory && options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    // private-node-fs.ts: files 0600 and directories 0700, as plain PGlite does not leave them
    ...(inMemory || !options.dataDir ? {} : { fs: new PrivateNodeFS(options.dataDir) }),
    startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
    ...(options.pgliteTemplate ? { loadDataDir: options.pgliteTemplate } : {}),
    parsers: { [INT8_OID]: Number, [NUMERIC_OID]: (value: string) => value },
  });
  return {
    db: new Kysely<Database>({ dialect: new PGliteDialect(pglite, PREPARED), plugins }),
    kind: "pglite",
    pglite,
  };
}

/**
 * Starts the constant SQL of a hot path (see `runStatement`). Such a text runs
 * as a named prepared statement: each connection parses and plans it once
 * instead of on every request (on PGlite through pglite-prepared.ts).
 */
export const PREPARED = "/* prepared */ ";

const statementNames = new Map<string, string>();

/**
 * A pg client that prepares the texts that start with PREPARED (a fixed set
 * written in the code), and tells connection-errors.ts which failed statements
 * of `pool.query` (runStatement) never got their CommandComplete.
 */
class PreparingClient extends pg.Client {
  /** CommandComplete messages received on this connection. */
  #completed = 0;

  constructor(config?: string | pg.ClientConfig) {
    super(config);
    (this as unknown as { connection: NodeJS.EventEmitter }).connection.on("commandComplete", () => {
      this.#completed += 1;
    });
  }

  // biome-ignore lint/suspicious/noExplicitAny: pg's query() has a dozen overloads; this only forwards them
  override query(config: any, values?: any, callback?: any): any {
    if (typeof callback === "function" && Array.isArray(values) && typeof config === "string") {
      // pool.query's form: one statement on a client checked out for it alone
      const extended = values.length > 0 || config.startsWith(PREPARED);
      const before = this.#completed;
      const done = callback;
      callback = (error: Error | undefined, result: unknown) => {
        if (error && extended && this.#completed === before) markCutOffBeforeCommand(error);
        done(error, result);
      };
    }
    if (typeof config === "string" && config.startsWith(PREPARED)) {
      let name = statementNames.get(config);
      if (name === undefined) {
        name = `lw_${createHash("sha256").update(config).digest("hex").slice(0, 24)}`;
        statementNames.set(config, name);
      }
      const query: pg.QueryConfig = { name, text: config, values };
      return callback ? super.query(query, callback) : super.query(query);
    }
    return super.query(config, values, callback);
  }
}

const unplugged = new WeakMap<Db, Db>();

/**
 * How often runStatement sends a statement again that a restart cut off
 * before it committed. Each send waits for a connection up to the pool's
 * RETRY_WINDOW_MS, so a request can wait at most 3 × 5 s; a server that
 * terminates the statement again and again is not restarting but refusing.
 */
const STATEMENT_RESENDS = 2;

/**
 * Runs SQL written once in the code with its parameters: no query building
 * per request, and no column-name mapping (the text names its columns in
 * camelCase itself). `db` may be a transaction.
 */
export async function runStatement<R>(db: Db, text: string, parameters: readonly unknown[]): Promise<R[]> {
  // outside a transaction on PostgreSQL the pool serves it directly (Kysely's executor was ~3 % of a GET)
  const pool = pools.get(db);
  if (pool) {
    for (let resent = 0; ; resent++) {
      try {
        return (await pool.query(text, [...parameters])).rows as R[];
      } catch (error) {
        // cut off by a restart before it could commit (connection-errors.ts): as if it arrived now
        if (resent >= STATEMENT_RESENDS || !certainlyNotCommitted(error)) throw error;
      }
    }
  }
  let raw = unplugged.get(db);
  if (!raw) {
    raw = db.withoutPlugins();
    unplugged.set(db, raw);
  }
  const result = await raw.executeQuery<R>(CompiledQuery.raw(text, [...parameters]));
  return result.rows;
}
