import path from "node:path";

/** Set by the test runner (scripts/run-tests.ts) to the folder of the bundle it built before the suite. */
export const BUILT_ENV = "LATCHWORK_TEST_BUILT";

/**
 * The node arguments that run a Latchwork entry point as `npm start` and
 * `npm run worker` do: the bundle the runner built (scripts/build.ts), so the
 * spawned servers are what users run, and start without transpiling every
 * source file through tsx (~4 s of CPU less per start on PGlite, bench/README.md "Build
 * and cold start"). A test file run on its own, outside the runner, gets the
 * sources through tsx.
 */
export function entryArgs(entry: "src/main.ts" | "src/worker.ts"): string[] {
  const built = process.env[BUILT_ENV];
  if (!built) return ["--import", "tsx", entry];
  return ["--enable-source-maps", path.join(built, entry.replace(/\.ts$/, ".js"))];
}
