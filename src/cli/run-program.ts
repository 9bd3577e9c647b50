import { CommanderError } from "commander";
import { DataDirBusyError } from "../server/data-dir-lock.ts";
import { CliError, EXIT } from "./cli-error.ts";
import type { CliIo, CliOutput, CommandContext } from "./cli-io.ts";
import { buildProgram } from "./program.ts";

/**
 * Runs `latchwork` with `argv` ("node" style: [node, script, ...args], or only
 * the args with from "user"). Resolves to the exit code, or to "running" when
 * a server or worker was started (it stops on a signal, not here). Errors are
 * printed to `io.stderr` as the binary prints them.
 */
export async function runProgram(
  argv: readonly string[],
  io: CliIo,
  from: "node" | "user" = "node",
): Promise<number | "running"> {
  let longRunning = false;
  const context: CommandContext = {
    ...io,
    keepRunning() {
      longRunning = true;
    },
    exitCode: undefined,
  };
  try {
    await buildProgram(context).parseAsync(argv, { from });
  } catch (error) {
    return exitCodeOf(error, io.stderr);
  }
  return longRunning ? "running" : (context.exitCode ?? EXIT.ok);
}

/** The exit code for an error out of a command, printing what the user needs to `stderr`. */
export function exitCodeOf(error: unknown, stderr: CliOutput): number {
  if (error instanceof CommanderError) {
    // --help and --version end as a success; a command group run without its subcommand shows its help as an error
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return EXIT.ok;
    return EXIT.usage;
  }
  if (error instanceof CliError || error instanceof DataDirBusyError) {
    stderr.write(`latchwork: ${error.message}\n`);
    return error instanceof CliError ? error.exitCode : EXIT.failed;
  }
  stderr.write(`latchwork: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT.failed;
}
