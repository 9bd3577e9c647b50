/** `latchwork`, the package's bin (bin/latchwork.js loads this through tsx). */
import { CommanderError } from "commander";
import { DataDirBusyError } from "../server/data-dir-lock.ts";
import { CliError, EXIT } from "./cli-error.ts";
import { buildProgram } from "./program.ts";

let longRunning = false;
const program = buildProgram(() => {
  longRunning = true;
});

try {
  await program.parseAsync(process.argv);
  // a one-shot command is done (stdout is written synchronously to files and pipes); a server or worker
  // keeps the process until a signal stops it
  if (!longRunning) process.exit(process.exitCode ?? EXIT.ok);
} catch (error) {
  // exits at once: a failed start may leave a database or socket open
  process.exit(exitCodeOf(error));
}

function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) {
    // --help and --version end as a success; a command group run without its subcommand shows its help as an error
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return EXIT.ok;
    return EXIT.usage;
  }
  if (error instanceof CliError || error instanceof DataDirBusyError) {
    process.stderr.write(`latchwork: ${error.message}\n`);
    return error instanceof CliError ? error.exitCode : EXIT.failed;
  }
  process.stderr.write(
    `latchwork: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return EXIT.failed;
}
