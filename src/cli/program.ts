import { Command } from "commander";
import type { CommandContext } from "./cli-io.ts";
import { registerAccountCommands } from "./commands/account-commands.ts";
import { registerCustomerCommands } from "./commands/customer-commands.ts";
import { registerServerCommands } from "./commands/server-commands.ts";
import { registerSyncCommands } from "./commands/sync-commands.ts";

/**
 * The `latchwork` command tree, writing to `context`'s outputs. Errors are not
 * handled here: commander throws (exitOverride, inherited by every subcommand
 * as the output configuration is) and run-program.ts maps it to an exit code.
 */
export function buildProgram(context: CommandContext): Command {
  const { stdout, stderr } = context;
  const program = new Command("latchwork")
    .description(
      "Latchwork, a self-hostable Fusebill v1 Customer API. Configuration comes from the environment (see docs/configuration.md), flags override it.",
    )
    .exitOverride()
    .configureOutput({
      writeOut: (text) => stdout.write(text),
      writeErr: (text) => stderr.write(text),
      // as commander's defaults: a terminal's width, else undefined (typed number), which wraps at 80
      getOutHelpWidth: () => (stdout.isTTY ? stdout.columns : undefined) as number,
      getErrHelpWidth: () => (stderr.isTTY ? stderr.columns : undefined) as number,
    })
    .showHelpAfterError("(run with --help for usage)");
  registerServerCommands(program, context);
  registerAccountCommands(program, context);
  registerCustomerCommands(program, context);
  registerSyncCommands(program, context);
  return program;
}
