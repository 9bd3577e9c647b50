import type { PGlite } from "@electric-sql/pglite";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
} from "kysely";
import { PreparedStatements } from "./pglite-prepared.ts";

/**
 * Kysely dialect for PGlite 0.5. Written here because the published dialects
 * (kysely-pglite-dialect 1.3) declare peers only up to PGlite 0.4.
 *
 * PGlite is one Postgres session: a transaction opened by one request would
 * swallow the queries of every other request running meanwhile. So the driver
 * hands out its single connection under a mutex, exactly like a pool of size 1.
 */
export class PGliteDialect implements Dialect {
  /** `preparedPrefix`: texts that start with it run as named prepared statements (see pglite-prepared.ts). */
  constructor(
    private readonly pg: PGlite,
    private readonly preparedPrefix?: string,
  ) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pg, this.preparedPrefix);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class PGliteConnection implements DatabaseConnection {
  private readonly prepared: PreparedStatements;

  constructor(
    private readonly pg: PGlite,
    private readonly preparedPrefix: string | undefined,
  ) {
    this.prepared = new PreparedStatements(pg);
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.preparedPrefix !== undefined && query.sql.startsWith(this.preparedPrefix)) {
      const result = await this.prepared.run<R>(query.sql, query.parameters);
      return {
        rows: result.rows,
        numAffectedRows: result.affectedRows === undefined ? undefined : BigInt(result.affectedRows),
      };
    }
    const result = await this.pg.query<R>(query.sql, query.parameters as unknown[]);
    return {
      rows: result.rows,
      numAffectedRows: result.affectedRows === undefined ? undefined : BigInt(result.affectedRows),
    };
  }

  // biome-ignore lint/correctness/useYield: streaming is not offered by PGlite's query API
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("PGlite dialect does not support streaming");
  }
}

class PGliteDriver implements Driver {
  private readonly connection: PGliteConnection;
  private tail: Promise<void> = Promise.resolve();
  private release: (() => void) | undefined;

  constructor(
    private readonly pg: PGlite,
    preparedPrefix: string | undefined,
  ) {
    this.connection = new PGliteConnection(pg, preparedPrefix);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    this.release = release;
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin"));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("commit"));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }

  async releaseConnection(): Promise<void> {
    const release = this.release;
    this.release = undefined;
    release?.();
  }

  async destroy(): Promise<void> {
    await this.tail;
    if (!this.pg.closed) await this.pg.close();
  }
}
