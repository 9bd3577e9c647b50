import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { makeDataDirPrivate } from "./private-node-fs.ts";

// PGlite itself is covered through the server's path: src/server/open-configured-database.test.ts
const root = mkdtempSync(path.join(tmpdir(), "latchwork-private-"));
after(() => rmSync(root, { recursive: true, force: true }));

test("making a data dir private takes group and other bits off everything in it but what symbolic links point to", () => {
  const dataDir = path.join(root, "data");
  const outside = path.join(root, "shared.conf");
  mkdirSync(path.join(dataDir, "base", "5"), { recursive: true, mode: 0o755 });
  writeFileSync(path.join(dataDir, "base", "5", "1259"), "", { mode: 0o666 });
  writeFileSync(path.join(dataDir, "PG_VERSION"), "17\n", { mode: 0o640 });
  writeFileSync(outside, "", { mode: 0o644 });
  symlinkSync(outside, path.join(dataDir, "linked.conf"));
  makeDataDirPrivate(dataDir);
  const mode = (file: string) => (statSync(path.join(dataDir, file)).mode & 0o777).toString(8);
  assert.deepEqual(["", "base", "base/5", "base/5/1259", "PG_VERSION"].map(mode), [
    "700",
    "700",
    "700",
    "600",
    "600",
  ]);
  assert.equal((statSync(outside).mode & 0o777).toString(8), "644");
});

test("a data dir that does not exist yet is created 0700", () => {
  const dataDir = path.join(root, "new", "data");
  makeDataDirPrivate(dataDir);
  assert.equal(statSync(dataDir).mode & 0o777, 0o700);
});
