import { closeSync, constants, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** The file the kernel lock is taken on. Never deleted: see lockDataDir. */
const LOCK_FILE = "latchwork.lock";
/** Who holds the lock, for the busy message only (and for Latchwork 0.1, which trusted it). */
const HOLDER_FILE = "latchwork.pid";

/** Another live process holds the data dir. */
export class DataDirBusyError extends Error {}

/**
 * Claims a PGlite data dir for this process. PGlite takes no lock of its own:
 * two processes opening one data dir both succeed and overwrite each other's
 * writes, so `latchwork start` and the one-shot commands (import, keys…) claim
 * it here first. Returns the release function (also run at exit).
 *
 * The claim is a kernel lock on DATA_DIR/latchwork.lock (fs-native-extensions:
 * an open-file-description lock on Linux, flock on macOS), which the kernel
 * drops when its holder dies, however it dies. It replaced a pid file checked
 * with kill(pid, 0): after a crash the pid can name another live process (in
 * Docker the server is pid 1, so a container killed and restarted on its volume
 * refused to start for good). Such a lock also excludes a second open in this
 * same process, and works across containers sharing a volume (one kernel).
 *
 * The lock file is never deleted: a process that had opened it before the
 * deletion could lock the old file while another creates and locks a new one,
 * and both would hold the dir. latchwork.pid names the holder and its purpose
 * for the busy message and is never trusted for liveness.
 */
export function lockDataDir(dataDir: string, purpose: string): () => void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const holderFile = path.join(dataDir, HOLDER_FILE);
  // read-write without truncation: an exclusive lock needs a writable descriptor, and the file has no content
  const fd = openSync(path.join(dataDir, LOCK_FILE), constants.O_RDWR | constants.O_CREAT, 0o600);
  let granted = false;
  try {
    granted = lockOrBusy(fd);
  } finally {
    if (!granted) closeSync(fd);
  }
  if (!granted) {
    throw new DataDirBusyError(
      `the data dir ${dataDir} is in use by ${holderOf(holderFile)}: PGlite can be opened by one process only, so stop it first (or use PostgreSQL through DATABASE_URL, which any number of processes can share)`,
    );
  }
  try {
    writeFileSync(holderFile, `${process.pid}\n${purpose}\n`, { mode: 0o600 });
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off("exit", release);
    // the holder file goes first: once the lock is free the next holder writes its own
    rmSync(holderFile, { force: true });
    closeSync(fd);
  };
  process.on("exit", release);
  return release;
}

type FileLocks = typeof import("fs-native-extensions");
let fileLocks: FileLocks | undefined;

/**
 * fs-native-extensions loads a prebuilt addon for this platform (13 ship in its package, no musl build
 * among them): loaded on first use, so that where it has none only PGlite data dirs are refused, not
 * PostgreSQL deployments or the commands that need no database.
 */
function loadFileLocks(): FileLocks {
  fileLocks ??= createRequire(import.meta.url)("fs-native-extensions") as FileLocks;
  return fileLocks;
}

function lockOrBusy(fd: number): boolean {
  try {
    return loadFileLocks().tryLock(fd);
  } catch (error) {
    // POSIX lets a refused F_SETLK fail with EACCES as well as EAGAIN (fs-native-extensions maps only EAGAIN)
    if ((error as NodeJS.ErrnoException).code === "EACCES") return false;
    throw error;
  }
}

/** "process 123 (latchwork start)" from the holder file, or a plain phrase while the holder has not written it. */
function holderOf(holderFile: string): string {
  let text = "";
  try {
    text = readFileSync(holderFile, "utf8");
  } catch {
    // absent: the holder is between taking the lock and writing the file
  }
  const [pid, holder] = text.split("\n");
  return /^\d+$/.test(pid ?? "") ? `process ${pid} (${holder || "latchwork"})` : "another process";
}
