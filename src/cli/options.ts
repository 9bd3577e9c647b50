import { type Command, InvalidArgumentError } from "commander";
import { type Config, loadConfig } from "../config.ts";

/** The database flags every command that opens the database takes (they override the environment). */
export interface DatabaseFlags {
  databaseUrl?: string;
  dataDir?: string;
}

export function addDatabaseOptions(command: Command): Command {
  return command
    .option(
      "--database-url <url>",
      "postgres://user:pass@host/db for PostgreSQL, memory:// for a throwaway PGlite (env DATABASE_URL)",
    )
    .option("--data-dir <dir>", "where the embedded PGlite database lives (env DATA_DIR, default ./data)");
}

/** The configuration from `env`, as `npm start` reads it, with the command's flags on top. */
export function configFrom(
  flags: DatabaseFlags & { port?: string; host?: string; fixtures?: string },
  env: NodeJS.ProcessEnv,
): Config {
  const overrides: Record<string, string> = {};
  if (flags.databaseUrl !== undefined) overrides.DATABASE_URL = flags.databaseUrl;
  if (flags.dataDir !== undefined) overrides.DATA_DIR = flags.dataDir;
  if (flags.port !== undefined) overrides.PORT = flags.port;
  if (flags.host !== undefined) overrides.HOST = flags.host;
  if (flags.fixtures !== undefined) overrides.LATCHWORK_FIXTURES = flags.fixtures;
  // flags are read here, not by loadConfig, whose argv reading serves `npm start -- --fixtures`
  return loadConfig({ ...env, ...overrides }, []);
}

/** A commander argument parser for ids: a positive integer, else a usage error naming the value. */
export function positiveInteger(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < 1) {
    throw new InvalidArgumentError("expected a positive integer.");
  }
  return number;
}

export function portNumber(value: string): string {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number > 65535)
    throw new InvalidArgumentError("expected a port number (0-65535).");
  return value;
}
