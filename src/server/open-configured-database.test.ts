import assert from "node:assert/strict";
import { chmodSync, lstatSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { sql } from "kysely";
import { ensureDefaultAccount } from "../accounts/account-service.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { loadFixtureFile } from "../fixtures/load-fixtures.ts";
import { openConfiguredDatabase } from "./open-configured-database.ts";

const root = mkdtempSync(path.join(tmpdir(), "latchwork-modes-"));
after(() => rmSync(root, { recursive: true, force: true }));
const silent = { info() {}, warn() {} };

/** Every entry under `dir` (itself included) with its permission bits. */
function walk(dir: string, out: { file: string; mode: number; isDir: boolean }[] = []) {
  const stat = lstatSync(dir);
  out.push({ file: dir, mode: stat.mode & 0o7777, isDir: stat.isDirectory() });
  if (stat.isDirectory()) for (const entry of readdirSync(dir)) walk(path.join(dir, entry), out);
  return out;
}

function assertPrivate(dataDir: string): void {
  const entries = walk(dataDir);
  // a fresh PGlite data dir holds about a thousand files: the walk saw the real tree
  assert.ok(entries.length > 900, `${entries.length} entries`);
  const open = entries
    .filter(({ mode, isDir }) => mode !== (isDir ? 0o700 : 0o600))
    .map(({ file, mode }) => `${mode.toString(8)} ${path.relative(dataDir, file) || "."}`);
  assert.deepEqual(open, [], `${open.length} of ${entries.length} entries are not private`);
}

describe("a PGlite data dir opened as the server opens it", () => {
  const dataDir = path.join(root, "data");

  test("holds only files 0600 and directories 0700, including those PostgreSQL writes at run time", async () => {
    const database = await openConfiguredDatabase({ dataDir, databaseUrl: undefined }, "latchwork start");
    try {
      await migrateToLatest(database.db);
      await ensureDefaultAccount(database.db);
      const loaded = await loadFixtureFile(database.db, "fixtures/spec-examples.json", silent);
      assert.ok(loaded.inserted.length > 0);
      // new WAL segments and a checkpoint's files, written after the open
      await sql`select pg_switch_wal()`.execute(database.db);
      await sql`checkpoint`.execute(database.db);
      assertPrivate(dataDir);
    } finally {
      await database.close();
    }
    assertPrivate(dataDir);
  });

  test("a data dir an earlier version left readable by others is made private when it is opened", async () => {
    for (const { file, isDir } of walk(dataDir)) chmodSync(file, isDir ? 0o755 : 0o666);
    const database = await openConfiguredDatabase({ dataDir, databaseUrl: undefined }, "latchwork start");
    try {
      const [customer] = await database.db.selectFrom("customers").select("id").limit(1).execute();
      assert.ok(customer, "the customers written before are read back");
      assertPrivate(dataDir);
    } finally {
      await database.close();
    }
  });
});
