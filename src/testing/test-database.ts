import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { sql } from "kysely";
import pg from "pg";
import { type Db, openDatabase } from "../db/database.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { withDatabase } from "./postgres-server.ts";
import { sleep } from "./wait-for.ts";

export type Backend = "pglite" | "postgres";

/** Set by scripts/run-tests.ts: a migrated PGlite data dir dump, and a server holding a migrated template DB. */
export const TEMPLATE_ENV = "LATCHWORK_TEST_PGLITE_TEMPLATE";
export const POSTGRES_ENV = "LATCHWORK_TEST_POSTGRES_URL";
export const TEMPLATE_DB = "latchwork_template";

/**
 * The backends this run tests on: PGlite always, PostgreSQL when the runner
 * started one. `LATCHWORK_TEST_BACKEND=postgres` (or `pglite`) narrows a run to
 * one of them, to reproduce a failure seen on that backend.
 */
export function testBackends(): Backend[] {
  const available: Backend[] = process.env[POSTGRES_ENV] ? ["pglite", "postgres"] : ["pglite"];
  const only = process.env.LATCHWORK_TEST_BACKEND;
  return only ? available.filter((backend) => backend === only) : available;
}

export interface TestDatabase {
  db: Db;
  backend: Backend;
  close(): Promise<void>;
}

/** A database copied from the migrated template on the runner's PostgreSQL: the server, its name, its URL. */
export interface TemplateCopy {
  serverUrl: string;
  name: string;
  url: string;
}

/** Creates `<prefix>_<random>` on the runner's PostgreSQL from its migrated template; the caller drops it. */
export async function copyTemplateDatabase(prefix: string): Promise<TemplateCopy> {
  const serverUrl = process.env[POSTGRES_ENV];
  if (!serverUrl) throw new Error(`${POSTGRES_ENV} is not set: run the suite with npm test`);
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${TEMPLATE_DB}`);
  await admin.end();
  return { serverUrl, name, url: withDatabase(serverUrl, name) };
}

/** A fresh, migrated database of its own: a copy of the run's template. */
export async function openTestDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === "pglite") {
    const templatePath = process.env[TEMPLATE_ENV];
    const handle = await openDatabase({
      url: "memory://",
      pgliteTemplate: templatePath ? new Blob([readFileSync(templatePath)]) : undefined,
    });
    if (!templatePath) await migrateToLatest(handle.db);
    // A PGlite loaded from a dump that never ran a query spins at 100 % CPU after close() and keeps its
    // process alive (seen with PGlite 0.5.17); one query completes the load.
    else await sql`select 1`.execute(handle.db);
    return { db: handle.db, backend, close: () => handle.db.destroy() };
  }
  const { serverUrl, name, url } = await copyTemplateDatabase("test");
  const handle = await openDatabase({
    url,
    poolSize: 10,
    onPoolError: () => {},
  });
  return {
    db: handle.db,
    backend,
    async close() {
      await handle.db.destroy();
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      // pool.end() can resolve before the server has seen every backend go; a forced drop would then kill
      // a connection whose client still listens, and its error lands in whichever test runs next
      for (let attempt = 0; ; attempt++) {
        try {
          await client.query(`drop database if exists ${name}${attempt >= 40 ? " with (force)" : ""}`);
          break;
        } catch (error) {
          if ((error as { code?: string }).code !== "55006" || attempt >= 40) throw error;
          await sleep(50);
        }
      }
      await client.end();
    },
  };
}
