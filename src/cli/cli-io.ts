/** Where a text goes: process.stdout and process.stderr for the binary, a buffer in the in-process tests. */
export interface CliOutput {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/**
 * What a command reads and writes outside its arguments, injected so that the
 * command tree runs the same in the binary and inside a test process.
 */
export interface CliIo {
  stdout: CliOutput;
  stderr: CliOutput;
  /** The configuration source (flags override it), process.env for the binary. */
  env: NodeJS.ProcessEnv;
  /** Calls `interrupt` on SIGINT and SIGTERM until the returned function is called. */
  onInterrupt(interrupt: () => void): () => void;
}

/** What a command sees while it runs: the I/O plus the outcome it reports back to runProgram. */
export interface CommandContext extends CliIo {
  /** A server or worker started: the process stays up after the command returns, until a signal. */
  keepRunning(): void;
  /** The exit code of a one-shot command that finished but partly failed (rows rejected). */
  exitCode: number | undefined;
}

/** The real process's I/O, as the binary runs. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    onInterrupt(interrupt) {
      process.on("SIGINT", interrupt);
      process.on("SIGTERM", interrupt);
      return () => {
        process.off("SIGINT", interrupt);
        process.off("SIGTERM", interrupt);
      };
    },
  };
}
