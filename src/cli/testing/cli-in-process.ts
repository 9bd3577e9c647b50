import type { CliOutput } from "../cli-io.ts";
import { runProgram } from "../run-program.ts";
import { type CliRun, cliEnv } from "./cli-process.ts";

/** Collects what a command writes, as a pipe would (not a TTY). */
function buffer(): CliOutput & { text: string } {
  return {
    text: "",
    write(text: string) {
      this.text += text;
      return true;
    },
  };
}

/**
 * Runs `latchwork …args` in this process: the same command tree, error
 * handling and exit codes as bin/latchwork.js, minus node and tsx starting
 * (seconds per command). The command opens and closes its database as the
 * binary does. `start` and `worker` keep running: they are tested with CliProcess.
 */
export async function runCliInProcess(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const stdout = buffer();
  const stderr = buffer();
  const outcome = await runProgram(
    args,
    { stdout, stderr, env: cliEnv(env), onInterrupt: () => () => {} },
    "user",
  );
  if (outcome === "running") throw new Error(`latchwork ${args.join(" ")} keeps running: use CliProcess`);
  return {
    code: outcome,
    stdout: stdout.text,
    stderr: stderr.text,
    output: `exit ${outcome}\nstdout: ${stdout.text}\nstderr: ${stderr.text}`,
  };
}
