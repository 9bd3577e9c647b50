import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { exitOf, sleep } from "./wait-for.ts";

/**
 * A program run by a test as its own process, its stdout and stderr kept as
 * they come: the base of the CLI's (src/cli/testing/cli-process.ts) and the
 * entry points' (src/worker.test.ts) processes under test.
 */
export class OutputProcess {
  readonly process: ChildProcess;
  stdout = "";
  stderr = "";
  /** The exit code once the process has exited (null when a signal ended it). */
  readonly exited: Promise<number | null>;

  constructor(command: string, args: string[], env: NodeJS.ProcessEnv) {
    this.process = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    this.process.stdout?.on("data", (chunk) => {
      this.stdout += chunk;
    });
    this.process.stderr?.on("data", (chunk) => {
      this.stderr += chunk;
    });
    this.exited = new Promise((resolve) => this.process.on("exit", (code) => resolve(code)));
  }

  /** Everything, for assertion messages. */
  get output(): string {
    return `exit ${this.process.exitCode}\nstdout: ${this.stdout}\nstderr: ${this.stderr}`;
  }

  /** Waits until `seen` holds for the output so far; fails if the process exits first. */
  async waitFor(seen: (self: this) => boolean): Promise<void> {
    while (!seen(this)) {
      assert.equal(exitOf(this.process), null, `exited early: ${this.output}`);
      await sleep(50);
    }
  }

  /** The first JSON log line on stdout whose msg is `msg`; fails if the process exits first. */
  async logLine(msg: string): Promise<Record<string, unknown>> {
    let found: Record<string, unknown> | undefined;
    await this.waitFor(() => {
      found = this.stdout
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((entry) => entry.msg === msg);
      return found !== undefined;
    });
    return found as Record<string, unknown>;
  }
}
