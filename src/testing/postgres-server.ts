import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "./free-port.ts";

/**
 * A throw-away PostgreSQL server on loopback in a temp dir, for tests and
 * benchmarks. `initdb`/`postgres` refuse to run as root, so as root they run as
 * the `postgres` user that Debian's package creates (or `nobody`).
 */
export interface PostgresServer {
  url: string;
  stop(): Promise<void>;
}

export function findPostgresBin(): string | undefined {
  const candidates: string[] = [];
  for (const dir of (process.env.PATH ?? "").split(":")) if (dir) candidates.push(dir);
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
    for (const version of versions) candidates.push(path.join(root, version, "bin"));
  }
  for (const dir of candidates) {
    if (existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "postgres"))) return dir;
  }
  return undefined;
}

function unprivilegedUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ["postgres", "nobody"]) {
    try {
      const uid = Number(execFileSync("id", ["-u", name]).toString().trim());
      const gid = Number(execFileSync("id", ["-g", name]).toString().trim());
      return { uid, gid };
    } catch {
      // try the next user
    }
  }
  throw new Error("running as root and neither a 'postgres' nor a 'nobody' user exists to run PostgreSQL");
}

export async function startPostgres(options: { bin?: string } = {}): Promise<PostgresServer> {
  const server = await startRestartablePostgres(options);
  return { url: server.url, stop: () => server.stop() };
}

/** A test server that can be restarted as `pg_ctl restart -m fast` does, on the same port and data. */
export interface RestartablePostgres extends PostgresServer {
  /**
   * Fast shutdown (SIGINT: every backend gets 57P01 and its transaction rolls back), `downMs` with
   * nothing listening, start; resolves once the server accepts connections again.
   */
  restart(options?: { downMs?: number }): Promise<void>;
  /** The two halves of `restart`, for a test that acts while nothing listens. */
  shutDown(): Promise<void>;
  startAgain(): Promise<void>;
  /** Times the server has been started (1 before any restart). */
  readonly starts: number;
}

export async function startRestartablePostgres(options: { bin?: string } = {}): Promise<RestartablePostgres> {
  const bin = options.bin ?? findPostgresBin();
  if (!bin)
    throw new Error(
      "PostgreSQL binaries (initdb, postgres) not found on PATH or in /usr/lib/postgresql/*/bin",
    );
  const user = unprivilegedUser();
  const dir = mkdtempSync(path.join(tmpdir(), "latchwork-pg-"));
  chmodSync(dir, 0o700);
  if (user) chownSync(dir, user.uid, user.gid);
  const asUser = user ? { uid: user.uid, gid: user.gid } : {};
  const dataDir = path.join(dir, "data");
  execFileSync(
    path.join(bin, "initdb"),
    ["-D", dataDir, "-U", "latchwork", "--auth=trust", "-E", "UTF8", "--no-sync"],
    {
      ...asUser,
      stdio: "pipe",
    },
  );
  const port = await freePort();
  const url = `postgres://latchwork@127.0.0.1:${port}/postgres`;
  const spawnServer = async (): Promise<ChildProcess> => {
    const child: ChildProcess = spawn(
      path.join(bin, "postgres"),
      [
        "-D",
        dataDir,
        "-p",
        String(port),
        "-h",
        "127.0.0.1",
        "-k",
        dir,
        "-c",
        "fsync=off",
        "-c",
        "synchronous_commit=off",
        "-c",
        "full_page_writes=off",
        "-c",
        "max_connections=300",
      ],
      { ...asUser, stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr?.on("data", (chunk) => {
      stderr += String(chunk);
    });
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`postgres exited: ${stderr}`);
      const client = new pg.Client({ connectionString: url });
      // a connection refused mid-startup may also end in an 'error' event after connect() rejected
      client.on("error", () => {});
      try {
        await client.connect();
        await client.end();
        break;
      } catch {
        if (Date.now() > deadline) throw new Error(`postgres did not start in 30 s: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    return child;
  };
  let child = await spawnServer();
  let starts = 1;
  const shutDown = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGINT");
    await exited;
  };
  const startAgain = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) return;
    child = await spawnServer();
    starts += 1;
  };
  return {
    url,
    get starts() {
      return starts;
    },
    shutDown,
    startAgain,
    async restart(restartOptions = {}) {
      await shutDown();
      if (restartOptions.downMs) await new Promise((resolve) => setTimeout(resolve, restartOptions.downMs));
      await startAgain();
    },
    async stop() {
      await shutDown();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `postgres://…/postgres` → `postgres://…/{name}` */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
