import type { Command } from "commander";
import type { StartFlags } from "../actions/server-actions.ts";
import type { CommandContext } from "../cli-io.ts";
import { addDatabaseOptions, type DatabaseFlags, portNumber } from "../options.ts";

// actions are imported when run, so that --help and usage errors do not load the server
const actions = () => import("../actions/server-actions.ts");

/** `start`, `worker` and `migrate`: the same code paths as `npm start` and `npm run worker`. */
export function registerServerCommands(program: Command, context: CommandContext): void {
  addDatabaseOptions(
    program
      .command("start")
      .description("run the API and, unless WORKER=off, a sync worker (as npm start); logs JSON to stdout")
      .option("--port <port>", "HTTP port (env PORT, default 8080; 0 picks a free one)", portNumber)
      .option("--host <host>", "interface to listen on (env HOST, default 127.0.0.1)")
      .option(
        "--fixtures <file>",
        "a JSON file of customers with fixed ids to load (env LATCHWORK_FIXTURES)",
      ),
  ).action(async (flags: StartFlags) => (await actions()).start(context, flags));

  addDatabaseOptions(
    program
      .command("worker")
      .description(
        "run a standalone sync worker (as npm run worker); needs PostgreSQL, the API process serves the sandbox CRMs at LATCHWORK_URL",
      ),
  ).action(async (flags: DatabaseFlags) => (await actions()).worker(context, flags));

  addDatabaseOptions(
    program
      .command("migrate")
      .description("bring the database schema up to date (start and the other commands also do this)"),
  ).action(async (flags: DatabaseFlags) => (await actions()).migrate(context, flags));
}
