import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";

/**
 * One server under test, as its own child process: its RSS and cold start are
 * its own, not the load generator's. Cold start is spawn → first successful
 * answer to `probe` (a GET of a seeded customer).
 */
export interface ServerProcess {
  url: string;
  pid: number;
  coldStartMs: number;
  /** The largest RSS (MB) seen since the start; sampled every 200 ms. */
  peakRssMb(): number;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  port: number;
  /** Path (and headers) that answers 200 once the server serves the seeded data. */
  probe: { path: string; headers?: Record<string, string> };
  timeoutMs?: number;
}

/** One GET on a connection of its own (none left idle in fetch's pool); 0 while nothing listens. */
function probeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get(url, { headers, agent: false }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    });
    request.on("error", () => resolve(0));
  });
}

export function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export async function startServer(options: SpawnOptions): Promise<ServerProcess> {
  const url = `http://127.0.0.1:${options.port}`;
  const started = performance.now();
  // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=prof" profiles every server under test (Node refuses it in NODE_OPTIONS)
  const extra = options.command === process.execPath ? (process.env.BENCH_NODE_ARGS ?? "").split(" ") : [];
  const child: ChildProcess = spawn(options.command, [...extra.filter(Boolean), ...options.args], {
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + String(chunk)).slice(-4000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let stopping = false;
  const exited = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      if (!stopping) console.error(`${options.name} exited on its own (${code ?? signal}):\n${output}`);
      resolve();
    }),
  );

  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${options.name} exited during start:\n${output}`);
    if ((await probeStatus(`${url}${options.probe.path}`, options.probe.headers)) === 200) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${options.name} did not answer ${options.probe.path} in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const coldStartMs = performance.now() - started;

  const pid = child.pid as number;
  let peak = rssMb(pid);
  const sampler = setInterval(() => {
    const now = rssMb(pid);
    if (now > peak) peak = now;
  }, 200);

  return {
    url,
    pid,
    coldStartMs,
    peakRssMb: () => Math.max(peak, rssMb(pid) || 0),
    async stop() {
      stopping = true;
      clearInterval(sampler);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
