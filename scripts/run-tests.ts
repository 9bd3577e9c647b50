/**
 * `npm test`: prepares the databases once per run, then runs every test file
 * with node's test runner (whose closing summary CI reads).
 * - PGlite: initdb in WASM costs seconds and ~500 MB per instance, so one
 *   migrated instance is dumped here and every test file starts from the dump.
 * - PostgreSQL: one real server on loopback in a temp dir with a migrated
 *   template database; every test file gets `CREATE DATABASE … TEMPLATE`.
 * Without PostgreSQL binaries the suite fails under CI=true and runs on
 * PGlite alone (with a warning) elsewhere.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { BUILT_ENV } from "../src/testing/entry-args.ts";
import {
  findPostgresBin,
  type PostgresServer,
  startPostgres,
  withDatabase,
} from "../src/testing/postgres-server.ts";
import { POSTGRES_ENV, TEMPLATE_DB, TEMPLATE_ENV } from "../src/testing/test-database.ts";
import { DEFAULT_OUT_DIR, ensureBuilt } from "./build.ts";

function findTestFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (entry === "node_modules") continue;
    if (statSync(full).isDirectory()) findTestFiles(full, out);
    else if (entry.endsWith(".test.ts")) out.push(full);
  }
  return out;
}

/**
 * Files that spend a minute or more on child processes (servers killed and
 * restarted, the CLI binary, workers): the runner starts files in the order
 * given, so these go first and do not end up alone on the tail of the run.
 * Measured in full runs: crash recovery 90 s and the CLI files 80-180 s each,
 * against a median of a few seconds.
 */
const SLOW_FILES = [
  "test/reliability/crash-recovery",
  "test/reliability/outage-recovery",
  "src/cli/",
  "test/ops/process-lifecycle",
  "src/worker.test",
];

function startsEarly(file: string): boolean {
  return SLOW_FILES.some((slow) => file.includes(slow));
}

const started = Date.now();
const work = mkdtempSync(path.join(tmpdir(), "latchwork-test-"));
const filters = process.argv.slice(2);
const files = [
  ...findTestFiles("src"),
  ...findTestFiles("test"),
  ...findTestFiles("packages"),
  ...findTestFiles("bench"),
  ...findTestFiles("scripts"),
]
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort((a, b) => Number(startsEarly(b)) - Number(startsEarly(a)) || a.localeCompare(b));

const pglite = await openDatabase({ url: "memory://" });
await migrateToLatest(pglite.db);
const dump = await pglite.pglite?.dumpDataDir("none");
if (!dump) throw new Error("could not dump the PGlite template");
const templatePath = path.join(work, "pglite-template.tar");
writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
await pglite.db.destroy();

let server: PostgresServer | undefined;
if (findPostgresBin()) {
  server = await startPostgres();
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`create database ${TEMPLATE_DB}`);
  await admin.end();
  const template = await openDatabase({ url: withDatabase(server.url, TEMPLATE_DB), poolSize: 1 });
  await migrateToLatest(template.db);
  await template.db.destroy();
} else if (process.env.CI) {
  console.error("PostgreSQL is required under CI: .ci/run installs it; initdb was not found.");
  process.exit(1);
} else {
  console.warn("warning: PostgreSQL binaries not found; running the suite on PGlite only");
}
// the spawned servers run the bundle `npm start` runs (src/testing/entry-args.ts)
await ensureBuilt({ ifStale: true });
console.log(`# databases ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);

// most test files spend their time waiting on child processes, sockets and timers, not the 2 CPUs
const concurrency = process.env.TEST_CONCURRENCY ?? "3";
const child = spawn(
  process.execPath,
  ["--import", "tsx", "--test", `--test-concurrency=${concurrency}`, ...files],
  {
    stdio: "inherit",
    env: {
      ...process.env,
      [TEMPLATE_ENV]: templatePath,
      [BUILT_ENV]: DEFAULT_OUT_DIR,
      ...(server ? { [POSTGRES_ENV]: server.url } : {}),
    },
  },
);
const code: number = await new Promise((resolve) => child.on("exit", (exitCode) => resolve(exitCode ?? 1)));
await server?.stop();
rmSync(work, { recursive: true, force: true });
console.log(`# suite finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(code);
