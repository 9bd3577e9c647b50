import { createRequire } from "node:module";
import path from "node:path";
import { builtPath, ensureBuilt } from "../../scripts/build.ts";
import { freePort } from "../../src/testing/free-port.ts";
import { ID_BASE } from "./customer-data.ts";
import type { Dialect } from "./load.ts";
import { type ServerProcess, startServer } from "./server-process.ts";

/** How to start each server under test as its own process, and where its probe GET goes. */
export interface ServerSpec {
  name: string;
  dialect: Dialect;
  start(): Promise<ServerProcess>;
}

const require = createRequire(import.meta.url);
const node = process.execPath;
const firstId = ID_BASE;

function fusebillProbe(apiKey: string) {
  return { path: `/v1/customers/${firstId}`, headers: { authorization: `Basic ${apiKey}` } };
}

/**
 * One of our TypeScript entry points as `npm start` runs src/main.ts: its
 * bundle (scripts/build.ts, rebuilt first when stale, not timed) under plain
 * node, so Latchwork and the baselines written in TypeScript start alike.
 */
async function startBuilt(
  name: string,
  entry: string,
  apiKey: string,
  env: Record<string, string>,
): Promise<ServerProcess> {
  await ensureBuilt({ ifStale: true });
  const port = await freePort();
  return startServer({
    name,
    command: node,
    args: ["--enable-source-maps", builtPath(entry)],
    env: { PORT: String(port), HOST: "127.0.0.1", LATCHWORK_API_KEY: apiKey, ...env },
    port,
    probe: fusebillProbe(apiKey),
  });
}

/** Latchwork as `npm start` runs it; request logs off (as in the baselines) and no sync worker (see the notes). */
export function latchwork(
  name: string,
  apiKey: string,
  database: { dataDir: string } | { url: string },
): ServerSpec {
  return {
    name,
    dialect: "fusebill",
    start: () =>
      startBuilt(name, "src/main.ts", apiKey, {
        LOG_LEVEL: "warn",
        WORKER: "off",
        LATCHWORK_FIXTURES: "",
        ...("url" in database
          ? { DATABASE_URL: database.url }
          : { DATA_DIR: database.dataDir, DATABASE_URL: "" }),
      }),
  };
}

export function benchServer(
  name: string,
  script: "ceiling-server.ts" | "naive-server.ts",
  apiKey: string,
  env: Record<string, string>,
): ServerSpec {
  return {
    name,
    dialect: "fusebill",
    start: () => startBuilt(name, `bench/servers/${script}`, apiKey, env),
  };
}

export function jsonServer(file: string): ServerSpec {
  return {
    name: "json-server 1.0 beta",
    dialect: "json-server",
    async start() {
      const port = await freePort();
      return startServer({
        name: "json-server",
        command: node,
        args: [
          require.resolve("json-server/lib/bin.js"),
          file,
          "--port",
          String(port),
          "--host",
          "127.0.0.1",
        ],
        port,
        probe: { path: `/customers/${firstId}` },
      });
    },
  };
}

export function prism(openApiFile: string, apiKey: string): ServerSpec {
  return {
    name: "Prism 5.14 mock",
    dialect: "fusebill",
    async start() {
      const port = await freePort();
      const cli = path.join(
        path.dirname(require.resolve("@stoplight/prism-cli/package.json")),
        "dist/index.js",
      );
      return startServer({
        name: "prism",
        command: node,
        args: [cli, "mock", "-h", "127.0.0.1", "-p", String(port), openApiFile],
        port,
        probe: fusebillProbe(apiKey),
      });
    },
  };
}
