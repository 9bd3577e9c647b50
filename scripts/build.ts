/**
 * `npm run build`: bundles the entry points below into ESM JavaScript under
 * dist/ (one file per entry, with source maps), so that `npm start` runs
 * JavaScript instead of transpiling every source file through tsx at start.
 * Measured on a 100,000-customer PGlite data dir: see bench/README.md, "Build and cold start".
 * - Packages stay external (`packages: "external"`): node_modules resolves
 *   them as before, so PGlite finds its wasm and data files beside its own code.
 * - `--if-stale` (what `prestart` runs) builds only when a source file, the
 *   lockfile or this script is newer than the last build.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** What `npm start`, `npm run worker`, `npm run sandbox`, the bin and the bench's baseline servers run. */
export const ENTRY_POINTS = [
  "src/main.ts",
  "src/worker.ts",
  "src/sandbox-server.ts",
  "src/cli/main.ts",
  "bench/servers/ceiling-server.ts",
  "bench/servers/naive-server.ts",
];

/** The folders and files whose changes make a build stale. */
const INPUTS = ["src", "bench/servers", "package-lock.json", "scripts/build.ts"];

/** Written last by a successful build: its mtime is the build's. */
const STAMP = ".build-stamp";

export const DEFAULT_OUT_DIR = path.join(ROOT, "dist");

/** Where the built JavaScript of a source entry lands, e.g. dist/src/main.js for src/main.ts. */
export function builtPath(entry: string, outDir = DEFAULT_OUT_DIR): string {
  return path.join(outDir, entry.replace(/\.ts$/, ".js"));
}

function newestMtime(file: string): number {
  if (!existsSync(file)) return 0;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(file)) newest = Math.max(newest, newestMtime(path.join(file, entry)));
  return newest;
}

/** True when dist/ is missing or older than any source it was built from. */
export function isStale(outDir = DEFAULT_OUT_DIR): boolean {
  const stamp = path.join(outDir, STAMP);
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  return INPUTS.some((input) => newestMtime(path.join(ROOT, input)) > built);
}

export async function buildAll(outDir = DEFAULT_OUT_DIR): Promise<void> {
  await build({
    absWorkingDir: ROOT,
    // bench/ is not in every copy of the sources (the Docker image leaves it out)
    entryPoints: ENTRY_POINTS.filter((entry) => existsSync(path.join(ROOT, entry))),
    outdir: outDir,
    outbase: ".",
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: "linked",
    // the maps point at ../src/*.ts from dist/src; keeping the sources out of them keeps them small
    sourcesContent: false,
    logLevel: "warning",
  });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, STAMP), `${new Date().toISOString()}\n`);
}

/** Builds unless `ifStale` is set and the build is up to date; true when it built. */
export async function ensureBuilt(options: { outDir?: string; ifStale?: boolean } = {}): Promise<boolean> {
  const outDir = options.outDir ?? DEFAULT_OUT_DIR;
  if (options.ifStale && !isStale(outDir)) return false;
  await buildAll(outDir);
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await ensureBuilt({ ifStale: process.argv.includes("--if-stale") });
}
