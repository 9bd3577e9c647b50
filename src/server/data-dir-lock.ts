import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

const LOCK_FILE = "latchwork.pid";

/** Another live process holds the data dir. */
export class DataDirBusyError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Claims a PGlite data dir for this process. PGlite takes no lock of its own:
 * two processes opening one data dir both succeed and overwrite each other's
 * writes, so `latchwork start` and the one-shot commands (import, keys…) claim
 * it with a pid file first. A file left by a process that died is taken over.
 * Returns the release function (also run at exit).
 */
export function lockDataDir(dataDir: string, purpose: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, `${process.pid}\n${purpose}\n`);
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw error;
      const [pidText, holder] = readLock(file);
      const pid = Number(pidText);
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
        throw new DataDirBusyError(
          `the data dir ${dataDir} is in use by process ${pid} (${holder || "latchwork"}): PGlite can be opened by one process only, so stop it first (or use PostgreSQL through DATABASE_URL, which any number of processes can share)`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off("exit", release);
    rmSync(file, { force: true });
  };
  process.on("exit", release);
  return release;
}

function readLock(file: string): string[] {
  try {
    return readFileSync(file, "utf8").split("\n");
  } catch {
    return [];
  }
}
