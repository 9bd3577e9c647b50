import { chmodSync, lstatSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { NodeFS } from "@electric-sql/pglite/nodefs";

/** The permission bits of group and others: none of them on anything in a data dir. */
const GROUP_OTHER = 0o077;

type EmscriptenOptions = Parameters<NodeFS["init"]>[1];

/** The two entry points of emscripten's NODEFS driver through which every mode PGlite sets reaches the disk. */
interface NodeFsDriver {
  node_ops: {
    mknod(parent: unknown, name: string, mode: number, dev: number): unknown;
    setattr(node: unknown, attr: { mode?: number }): void;
  };
  stream_ops: { setattr(stream: unknown, attr: { mode?: number }): void };
}

/**
 * PGlite's Node filesystem for a data dir, keeping it private: directories
 * 0700, files 0600, as PostgreSQL keeps its own and as DATA_DIR/secret.key is.
 *
 * Plain PGlite 0.5.17 left 968 of 1,042 files of a fresh data dir 0666 and its
 * directories 0755 (measured). The modes come from emscripten's NODEFS, which
 * creates every node with mode 0777 (`fs.writeFileSync(path, "", { mode })`,
 * `fs.mkdirSync(path, mode)`) and then, for a file, `fs.chmodSync`s it to the
 * mode the C code or PGlite asked for: 0666 for the files PGlite copies out of
 * initdb's output (`FS.writeFile`'s default), 0644 for what PostgreSQL writes
 * through fopen under emscripten's own umask 022 (global/pg_internal.init,
 * rewritten at run time), 0600 for relation and WAL files. A chmod ignores the
 * process umask, so `process.umask(0o077)` cannot fix the 0666 files; and WAL
 * segments recycled by rename keep the mode of the file they were. The mask is
 * therefore applied where the modes are set: NODEFS's mknod and setattr, for
 * this PGlite's module instance only (each PGlite has its own NODEFS object).
 */
export class PrivateNodeFS extends NodeFS {
  constructor(dataDir: string) {
    super(makeDataDirPrivate(dataDir));
  }

  override init(pg: PGlite, options: EmscriptenOptions): ReturnType<NodeFS["init"]> {
    // NodeFS.init appends its own preRun (the mount) after these: the driver is masked before first use
    const preRun = [...(options.preRun ?? []), (module: { NODEFS: unknown }) => maskModes(module.NODEFS)];
    return super.init(pg, { ...options, preRun });
  }
}

/**
 * Creates `dataDir` (0700) or tightens an existing one: a data dir written by
 * an earlier Latchwork, or by a process whose umask let more through, loses
 * every group and other bit. Symbolic links are left alone (a chmod would
 * follow them out of the data dir), and so are entries this user may not
 * chmod (owned by another user: not ours to change). Returns `dataDir`.
 */
export function makeDataDirPrivate(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  tighten(dataDir);
  return dataDir;
}

function tighten(file: string): void {
  const stat = lstatSync(file);
  if (stat.isSymbolicLink()) return;
  if ((stat.mode & GROUP_OTHER) !== 0) {
    try {
      chmodSync(file, stat.mode & 0o7700);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EPERM") throw error;
    }
  }
  if (stat.isDirectory()) for (const entry of readdirSync(file)) tighten(path.join(file, entry));
}

function maskModes(driver: unknown): void {
  const nodefs = driver as Partial<NodeFsDriver> | undefined;
  const nodeOps = nodefs?.node_ops;
  const streamOps = nodefs?.stream_ops;
  // A PGlite whose driver has another shape runs unmasked (the data dir itself stays 0700, so nothing in it
  // is reachable by others); private-node-fs.test.ts then fails and says so.
  if (!nodeOps?.mknod || !nodeOps.setattr || !streamOps?.setattr) return;
  const { mknod, setattr } = nodeOps;
  const setStreamAttr = streamOps.setattr;
  nodeOps.mknod = (parent, name, mode, dev) => mknod.call(nodeOps, parent, name, mode & ~GROUP_OTHER, dev);
  nodeOps.setattr = (node, attr) => setattr.call(nodeOps, node, masked(attr));
  streamOps.setattr = (stream, attr) => setStreamAttr.call(streamOps, stream, masked(attr));
}

function masked<A extends { mode?: number }>(attr: A): A {
  return attr.mode === undefined || attr.mode === null ? attr : { ...attr, mode: attr.mode & ~GROUP_OTHER };
}
