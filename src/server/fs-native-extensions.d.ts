/** The part of fs-native-extensions (which ships no types) that data-dir-lock.ts uses. */
declare module "fs-native-extensions" {
  /**
   * An exclusive lock (shared with `{ shared: true }`) on the whole file open as `fd`: true when granted, false
   * when another open file description holds one. OFD locks (fcntl F_OFD_SETLK) on Linux, flock on macOS,
   * LockFileEx on Windows: all released by the kernel when the descriptor closes, the process's exit included.
   */
  export function tryLock(fd: number, options?: { shared?: boolean }): boolean;
  export function unlock(fd: number): void;
}
