import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { type Db, openDatabase } from "../../db/database.ts";
import { migrateToLatest } from "../../db/migrate.ts";
import { OutputProcess } from "../../testing/child-process.ts";
import { withDatabase } from "../../testing/postgres-server.ts";
import {
  type Backend,
  openTestDatabase,
  POSTGRES_ENV,
  TEMPLATE_ENV,
  type TestDatabase,
} from "../../testing/test-database.ts";

/** The real executable, as `npx latchwork` runs it. */
export const BIN = fileURLToPath(new URL("../../../bin/latchwork.js", import.meta.url));

/** The environment of a command run by a test: none of the runner's database settings leak in. */
export function cliEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const name of [
    "DATABASE_URL",
    "DATA_DIR",
    "PORT",
    "HOST",
    "WORKER",
    "LATCHWORK_API_KEY",
    "LATCHWORK_FIXTURES",
  ])
    delete base[name];
  return { ...base, LOG_LEVEL: "info", ...env };
}

/** A running `latchwork …` whose output is collected as it comes. */
export class CliProcess extends OutputProcess {
  constructor(args: string[], env: Record<string, string> = {}) {
    super(BIN, args, cliEnv(env));
  }
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Everything, for assertion messages. */
  output: string;
}

/** Runs `latchwork …args` to its end. */
export async function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const child = new CliProcess(args, env);
  const code = await child.exited;
  return { code, stdout: child.stdout, stderr: child.stderr, output: child.output };
}

/**
 * A fresh database for the CLI: `flags` select it. PGlite is a data dir copied
 * from one migrated per run (initdb is slow); PostgreSQL a database of its own.
 * `inspect` opens it in the test process (for PGlite only while no CLI runs).
 */
export interface CliDatabase {
  backend: Backend;
  flags: string[];
  inspect<T>(read: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

let pgliteTemplateDir: string | undefined;

async function migratedPgliteDir(): Promise<string> {
  if (pgliteTemplateDir) return pgliteTemplateDir;
  const dir = mkdtempSync(path.join(tmpdir(), "latchwork-cli-template-"));
  const dump = process.env[TEMPLATE_ENV];
  const handle = await openDatabase({
    dataDir: dir,
    pgliteTemplate: dump ? new Blob([readFileSync(dump)]) : undefined,
  });
  // a PGlite loaded from a dump must run a query before close (see test-database.ts)
  await sql`select 1`.execute(handle.db);
  if (!dump) await migrateToLatest(handle.db);
  await handle.db.destroy();
  pgliteTemplateDir = dir;
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function openCliDatabase(backend: Backend): Promise<CliDatabase> {
  if (backend === "pglite") {
    const dir = mkdtempSync(path.join(tmpdir(), "latchwork-cli-"));
    cpSync(await migratedPgliteDir(), dir, { recursive: true });
    return {
      backend,
      flags: ["--data-dir", dir],
      async inspect(read) {
        const handle = await openDatabase({ dataDir: dir });
        try {
          return await read(handle.db);
        } finally {
          await handle.db.destroy();
        }
      },
      async close() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const database: TestDatabase = await openTestDatabase("postgres");
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(database.db);
  const url = withDatabase(process.env[POSTGRES_ENV] as string, rows[0]?.name as string);
  return {
    backend,
    flags: ["--database-url", url],
    inspect: (read) => read(database.db),
    close: () => database.close(),
  };
}
