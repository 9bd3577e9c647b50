import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import { DataDirBusyError, lockDataDir } from "./data-dir-lock.ts";

const root = mkdtempSync(path.join(tmpdir(), "latchwork-lock-"));
after(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
const freshDir = () => path.join(root, `data-${++dirs}`);

/** A child process that takes the lock on `dataDir` and holds it until it is killed or its stdin closes. */
async function holdInChild(dataDir: string): Promise<ChildProcess> {
  const lockModule = pathToFileURL(path.resolve("src/server/data-dir-lock.ts")).href;
  const code = `
    const { lockDataDir } = await import(${JSON.stringify(lockModule)});
    lockDataDir(process.argv[1], "child holder");
    process.stdout.write("locked\\n");
    process.stdin.resume();
  `;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code, dataDir], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("locked\n")) resolve();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    // "close", not "exit": it comes after the child's output has all been read
    child.once("close", (code) =>
      reject(new Error(`the holder exited (${code}) before locking:\n${output}`)),
    );
  });
  return child;
}

describe("lockDataDir", () => {
  test("a holder file left by a crash naming a live process, such as pid 1 or this test's parent, does not block the data dir", () => {
    for (const pid of [1, process.ppid]) {
      const dataDir = freshDir();
      mkdirSync(dataDir);
      writeFileSync(path.join(dataDir, "latchwork.pid"), `${pid}\nlatchwork start\n`);
      const release = lockDataDir(dataDir, "after the crash");
      try {
        assert.equal(
          readFileSync(path.join(dataDir, "latchwork.pid"), "utf8"),
          `${process.pid}\nafter the crash\n`,
        );
      } finally {
        release();
      }
    }
  });

  test("a second claim in the same process is refused, naming the holder's pid and purpose, until the first is released", () => {
    const dataDir = freshDir();
    const release = lockDataDir(dataDir, "latchwork start");
    assert.throws(
      () => lockDataDir(dataDir, "latchwork keys list"),
      (error) =>
        error instanceof DataDirBusyError &&
        error.message.includes(`is in use by process ${process.pid} (latchwork start): PGlite can be opened`),
    );
    release();
    lockDataDir(dataDir, "latchwork keys list")();
  });

  test("the data dir is created private and the lock files are readable by their owner only", () => {
    const dataDir = freshDir();
    const release = lockDataDir(dataDir, "latchwork start");
    try {
      assert.equal(statSync(dataDir).mode & 0o777, 0o700);
      assert.equal(statSync(path.join(dataDir, "latchwork.lock")).mode & 0o777, 0o600);
      assert.equal(statSync(path.join(dataDir, "latchwork.pid")).mode & 0o777, 0o600);
    } finally {
      release();
    }
  });

  test("a claim held by another process is refused, and is free once that process is killed with SIGKILL, without any cleanup", async () => {
    const dataDir = freshDir();
    const child = await holdInChild(dataDir);
    try {
      assert.throws(
        () => lockDataDir(dataDir, "latchwork start"),
        (error) =>
          error instanceof DataDirBusyError &&
          error.message.includes(`is in use by process ${child.pid} (child holder)`),
      );
      const exited = once(child, "exit");
      child.kill("SIGKILL");
      await exited;
      // the dead holder's files are still there: only the kernel freed the lock
      assert.equal(readFileSync(path.join(dataDir, "latchwork.pid"), "utf8"), `${child.pid}\nchild holder\n`);
      const release = lockDataDir(dataDir, "latchwork start");
      release();
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  });

  test("two processes claiming one data dir at once never both hold it", async () => {
    const dataDir = freshDir();
    const children = [spawnClaim(dataDir), spawnClaim(dataDir), spawnClaim(dataDir)];
    const outcomes = await Promise.all(children.map(claimOutcome));
    assert.equal(outcomes.filter((outcome) => outcome === "locked").length, 1, outcomes.join(", "));
    assert.deepEqual(
      outcomes.filter((outcome) => outcome !== "locked"),
      ["busy", "busy"],
    );
    for (const child of children) child.stdin?.end();
    await Promise.all(children.map((child) => (child.exitCode === null ? once(child, "exit") : undefined)));
  });
});

/** A child that claims `dataDir` and prints "locked" (then holds it until its stdin closes) or "busy". */
function spawnClaim(dataDir: string): ChildProcess {
  const lockModule = pathToFileURL(path.resolve("src/server/data-dir-lock.ts")).href;
  const code = `
    const { lockDataDir, DataDirBusyError } = await import(${JSON.stringify(lockModule)});
    try {
      lockDataDir(process.argv[1], "racer");
      process.stdout.write("locked\\n");
      process.stdin.resume();
    } catch (error) {
      if (!(error instanceof DataDirBusyError)) throw error;
      process.stdout.write("busy\\n");
    }
  `;
  return spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code, dataDir], {
    stdio: ["pipe", "pipe", "inherit"],
  });
}

async function claimOutcome(child: ChildProcess): Promise<string> {
  let output = "";
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const line = /^(locked|busy)\n/.exec(output);
      if (line) resolve(String(line[1]));
    });
    child.once("close", (code) =>
      reject(new Error(`a claimant exited (${code}) saying ${JSON.stringify(output)}`)),
    );
  });
}
