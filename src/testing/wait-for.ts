import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";

/**
 * Waiting in tests without guessing how long things take (issue 14: a test
 * that fails on a busy machine is a broken test). A wait ends on the state it
 * waits for, or fails at once on a state from which that can no longer come
 * (a child process that exited, a push that was dead-lettered); it never fails
 * because time passed. A wait that cannot end is a hang, and it says so: every
 * `reportEveryMs` it writes what it is waiting for and the last value it read
 * to stderr, which the test runner shows beside the test.
 */
export interface WaitOptions<T> {
  /** Why `done` can no longer hold for this value (the wait then fails with it), or undefined. */
  impossible?: (value: T) => string | undefined;
  /** Pause between two reads (default 50 ms). Only how often it looks, never how long it waits. */
  pollMs?: number;
  /** How often a long wait says what it still waits for (default 30 s). */
  reportEveryMs?: number;
}

/** A fixed pause: how often a loop looks, or how long a test holds a state; never how long it waits for one. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Reads `read` until `done` holds for its value, and returns that value. No deadline: see above. */
export async function waitFor<T>(
  what: string,
  read: () => Promise<T> | T,
  done: (value: T) => boolean,
  options: WaitOptions<T> = {},
): Promise<T> {
  const pollMs = options.pollMs ?? 50;
  const reportEveryMs = options.reportEveryMs ?? 30_000;
  const started = Date.now();
  let reported = started;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    const reason = options.impossible?.(value);
    if (reason !== undefined) assert.fail(`${what}: ${reason} (last read: ${describe(value)})`);
    if (Date.now() - reported >= reportEveryMs) {
      reported = Date.now();
      const seconds = Math.round((reported - started) / 1000);
      process.stderr.write(`# still waiting for ${what} after ${seconds} s: ${describe(value)}\n`);
    }
    await sleep(pollMs);
  }
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 2_000 ? `${text.slice(0, 2_000)}…` : text;
}

/** How a child process ended: its signal, else its exit code (null while it runs). */
export function exitOf(child: ChildProcess): NodeJS.Signals | number | null {
  return child.signalCode ?? child.exitCode;
}

/**
 * The first line of `child`'s output (stdout or stderr) that `matches`, as
 * soon as it is written; rejects, with the output so far, if the process ends
 * first. Event-driven: no polling and no deadline. Call it before the process
 * can have written the line (e.g. right after spawning it): earlier output is
 * not searched.
 */
export function lineFrom(child: ChildProcess, matches: (line: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    const detach: (() => void)[] = [];
    const finish = (settle: () => void) => {
      for (const off of detach) off();
      settle();
    };
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      let pending = "";
      const onData = (chunk: Buffer | string) => {
        output += chunk;
        pending += chunk;
        const lines = pending.split("\n");
        pending = lines.pop() ?? "";
        const found = lines.find(matches);
        if (found !== undefined) finish(() => resolve(found));
      };
      stream.on("data", onData);
      detach.push(() => stream.off("data", onData));
    }
    // "close", not "exit": the output the process wrote before it ended has been read by then
    const onClose = () =>
      finish(() =>
        reject(new Error(`the process ended (${exitOf(child)}) before the line came:\n${output}`)),
      );
    child.once("close", onClose);
    detach.push(() => child.off("close", onClose));
  });
}
