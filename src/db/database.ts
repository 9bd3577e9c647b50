import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { CamelCasePlugin, Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { PGliteDialect } from "./pglite-dialect.ts";
import type { Database } from "./schema.ts";

export type Db = Kysely<Database>;

export interface DatabaseOptions {
  /** `postgres://…` for PostgreSQL, `memory://` for in-memory PGlite, else PGlite persisted in `dataDir`. */
  url?: string | undefined;
  dataDir?: string | undefined;
  /** A PGlite data directory dump (from `dumpDataDir`) to start from instead of running initdb. */
  pgliteTemplate?: Blob | undefined;
  poolSize?: number | undefined;
  /** Told when an idle PostgreSQL connection fails (the pool replaces it). */
  onPoolError?: ((error: Error) => void) | undefined;
}

export interface DatabaseHandle {
  db: Db;
  kind: "postgres" | "pglite";
  /** Underlying PGlite instance, when that is the engine (for dumps in tests). */
  pglite?: PGlite;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const url = options.url ?? "";
  const plugins = [new CamelCasePlugin()];
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      types: {
        // ids fit in a double (they are below 2^53); money keeps its string form until serialised
        getTypeParser: ((oid: number, format?: "text" | "binary") =>
          oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    // An idle client's connection can drop (server restart, failover, pg_terminate_backend); pg then
    // emits 'error' on the pool, which without a listener kills the process. The pool replaces the
    // client by itself, so the error only needs reporting.
    pool.on("error", (error) => options.onPoolError?.(error));
    return {
      db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins }),
      kind: "postgres",
    };
  }
  const inMemory = url === "memory://" || (!url && !options.dataDir);
  if (!inMemory && options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(inMemory ? {} : { dataDir: options.dataDir }),
    ...(options.pgliteTemplate ? { loadDataDir: options.pgliteTemplate } : {}),
    parsers: { [INT8_OID]: Number, [NUMERIC_OID]: (value: string) => value },
  });
  return {
    db: new Kysely<Database>({ dialect: new PGliteDialect(pglite), plugins }),
    kind: "pglite",
    pglite,
  };
}
