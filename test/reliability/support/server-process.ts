import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { entryArgs } from "../../../src/testing/entry-args.ts";
import { type Backend, copyTemplateDatabase } from "../../../src/testing/test-database.ts";
import { sleep } from "../../../src/testing/wait-for.ts";

const REPO = path.resolve(import.meta.dirname, "../../..");
/** How long a start may take (PGlite's initdb in WASM on a busy 2-core machine) before the test gives up. */
const START_DEADLINE_MS = 300_000;

/** Whether `npm run test:reliability` asked for the long variants. */
export const LONG = process.env.LATCHWORK_RELIABILITY === "long";

/** Where a server under test keeps its data: a PGlite data directory, or a fresh PostgreSQL database. */
export interface ServerStorage {
  env: Record<string, string>;
  dispose(): Promise<void>;
}

export async function createStorage(backend: Backend): Promise<ServerStorage> {
  if (backend === "pglite") {
    const dataDir = mkdtempSync(path.join(tmpdir(), "latchwork-reliability-"));
    return {
      env: { DATA_DIR: dataDir, DATABASE_URL: "" },
      dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const { serverUrl, name, url } = await copyTemplateDatabase("reliability");
  const dataDir = mkdtempSync(path.join(tmpdir(), "latchwork-reliability-"));
  return {
    env: { DATABASE_URL: url, DATA_DIR: dataDir },
    async dispose() {
      rmSync(dataDir, { recursive: true, force: true });
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/**
 * `src/main.ts` as `npm start` runs it (entry-args.ts) as a child process
 * on a fixed port, restartable after a `kill -9`. Everything it writes to
 * stdout and stderr, over all its lives, is kept in `output` (the secrets test
 * greps it).
 */
export class ServerProcess {
  readonly url: string;
  output = "";
  starts = 0;
  private child: ChildProcess | undefined;

  constructor(
    private readonly env: Record<string, string>,
    readonly port: number,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, entryArgs("src/main.ts"), {
      cwd: REPO,
      env: { ...process.env, LOG_LEVEL: "info", ...this.env, PORT: String(this.port), HOST: "127.0.0.1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    this.starts += 1;
    child.stdout?.on("data", (chunk: Buffer) => {
      this.output += chunk.toString("utf8");
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      this.output += chunk.toString("utf8");
    });
    const exited = once(child, "exit").then(([code, signal]) => ({ code, signal }));
    const deadline = Date.now() + START_DEADLINE_MS;
    while (Date.now() < deadline) {
      const early = await Promise.race([exited, sleep(100).then(() => undefined)]);
      if (early)
        throw new Error(`the server exited while starting (${JSON.stringify(early)}):\n${this.tail()}`);
      try {
        const response = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(2_000) });
        await response.arrayBuffer();
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
    }
    throw new Error(`the server did not answer /healthz within ${START_DEADLINE_MS} ms:\n${this.tail()}`);
  }

  /** `kill -9`: no shutdown hook runs, nothing is flushed. */
  async kill9(): Promise<void> {
    await this.signal("SIGKILL");
  }

  async stop(): Promise<void> {
    await this.signal("SIGTERM");
  }

  /** The lines the server logged at level error or above (pino: 50, 60), to explain an unexpected answer. */
  errorLines(): string {
    return this.output
      .split("\n")
      .filter((line) => /"level":(50|60)/.test(line))
      .join("\n");
  }

  tail(chars = 4_000): string {
    return this.output.slice(-chars);
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill(signal);
    await exited;
    this.child = undefined;
  }
}
