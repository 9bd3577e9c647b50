#!/usr/bin/env node
// Runs the bundle `npm run build` wrote (dist/src/cli/main.js) when it is newer than every source it was built
// from, and the TypeScript sources through tsx otherwise: tsx alone costs ~0.7 s before the first line of ours,
// and a stale bundle would run code that is no longer in src/. The inputs are scripts/build.ts's INPUTS.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bundle = path.join(root, "dist/src/cli/main.js");
const stamp = path.join(root, "dist/.build-stamp");

function newestMtime(file) {
  if (!existsSync(file)) return 0;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(file)) newest = Math.max(newest, newestMtime(path.join(file, entry)));
  return newest;
}

function bundleIsFresh() {
  if (!existsSync(bundle) || !existsSync(stamp)) return false;
  const built = statSync(stamp).mtimeMs;
  const inputs = ["src", "bench/servers", "package-lock.json", "scripts/build.ts"];
  return inputs.every((input) => newestMtime(path.join(root, input)) <= built);
}

if (bundleIsFresh()) {
  // what --enable-source-maps does for `npm start`: stack traces name the .ts files
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
