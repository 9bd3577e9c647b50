import { Command } from "commander";
import { registerAccountCommands } from "./commands/account-commands.ts";
import { registerCustomerCommands } from "./commands/customer-commands.ts";
import { registerServerCommands } from "./commands/server-commands.ts";
import { registerSyncCommands } from "./commands/sync-commands.ts";

/**
 * The `latchwork` command tree. Errors are not handled here: commander throws
 * (exitOverride, inherited by every subcommand) and main.ts maps it to an exit code.
 */
export function buildProgram(keepRunning: () => void): Command {
  const program = new Command("latchwork")
    .description(
      "Latchwork, a self-hostable Fusebill v1 Customer API. Configuration comes from the environment (see the README), flags override it.",
    )
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)");
  registerServerCommands(program, keepRunning);
  registerAccountCommands(program);
  registerCustomerCommands(program);
  registerSyncCommands(program);
  return program;
}
