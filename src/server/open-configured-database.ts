import type { Config } from "../config.ts";
import { type DatabaseHandle, type DatabaseOptions, openDatabase } from "../db/database.ts";
import { lockDataDir } from "./data-dir-lock.ts";

export interface ConfiguredDatabase extends DatabaseHandle {
  /** Closes the database and gives its data dir back. */
  close(): Promise<void>;
}

/** The PGlite data dir `config` selects, or undefined for PostgreSQL and in-memory PGlite (as openDatabase reads it). */
export function pgliteDataDir(config: Pick<Config, "databaseUrl" | "dataDir">): string | undefined {
  const url = config.databaseUrl ?? "";
  if (/^postgres(ql)?:\/\//.test(url) || url === "memory://") return undefined;
  return config.dataDir || undefined;
}

/** Opens the database `config` selects, claiming a PGlite data dir for this process first. */
export async function openConfiguredDatabase(
  config: Pick<Config, "databaseUrl" | "dataDir">,
  purpose: string,
  onPoolError?: (error: Error) => void,
  options: Pick<DatabaseOptions, "onCheckoutRetry"> = {},
): Promise<ConfiguredDatabase> {
  const dataDir = pgliteDataDir(config);
  const release = dataDir ? lockDataDir(dataDir, purpose) : () => {};
  try {
    const handle = await openDatabase({
      url: config.databaseUrl,
      dataDir: config.dataDir,
      onPoolError,
      onCheckoutRetry: options.onCheckoutRetry,
    });
    return {
      ...handle,
      async close() {
        try {
          await handle.db.destroy();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
