import { parseOutboundAllow } from "./integrations/outbound-url.ts";

/** Configuration from the environment (documented in docs/configuration.md) and command-line flags. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** `postgres://…` selects PostgreSQL; `memory://` an in-memory PGlite; empty: PGlite in dataDir. */
  databaseUrl: string | undefined;
  apiKey: string | undefined;
  publicUrl: string | undefined;
  logLevel: string;
  fixtures: string | undefined;
  /** Whether the built-in sandbox CRMs are served and used (`SANDBOX=off` removes them). */
  sandbox: boolean;
  /** Hosts (`host` or `host:port`) live accounts may call although not public https (LATCHWORK_OUTBOUND_ALLOW). */
  outboundAllow: string[];
  /** Whether `npm start` runs a sync worker beside the API (`WORKER=off`: API only). */
  worker: boolean;
  /** Where a standalone worker (`npm run worker`) reaches the API process and its sandbox CRMs. */
  latchworkUrl: string;
  /** How long a sync worker's claim on a push lasts before another worker may take it over (LATCHWORK_SYNC_LEASE_MS; default 60 s in src/sync/sync-worker.ts). */
  syncLeaseMs: number | undefined;
  /** Per-account request limits (LATCHWORK_RATE_LIMIT_MINUTE / _DAY); off when unset. */
  rateLimit: { perMinute: number | undefined; perDay: number | undefined };
  /** Slow-client limits (LATCHWORK_REQUEST_TIMEOUT_MS, LATCHWORK_HEADERS_TIMEOUT_MS, LATCHWORK_KEEP_ALIVE_TIMEOUT_MS); defaults in src/http/timeouts.ts. */
  timeouts: {
    requestTimeoutMs: number | undefined;
    headersTimeoutMs: number | undefined;
    keepAliveTimeoutMs: number | undefined;
  };
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got '${raw}'`);
  return value;
}

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  argv: string[] = process.argv.slice(2),
): Config {
  const flag = (name: string): string | undefined => {
    const index = argv.indexOf(`--${name}`);
    if (index >= 0) return argv[index + 1];
    const inline = argv.find((arg) => arg.startsWith(`--${name}=`));
    return inline?.slice(name.length + 3);
  };
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got '${env.PORT}'`);
  return {
    port,
    host: env.HOST || "127.0.0.1",
    dataDir: env.DATA_DIR || "./data",
    databaseUrl: env.DATABASE_URL || undefined,
    apiKey: env.LATCHWORK_API_KEY || undefined,
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, "") : undefined,
    logLevel: env.LOG_LEVEL || "info",
    fixtures: flag("fixtures") ?? (env.LATCHWORK_FIXTURES || undefined),
    sandbox: env.SANDBOX?.toLowerCase() !== "off",
    outboundAllow: parseOutboundAllow(env.LATCHWORK_OUTBOUND_ALLOW),
    worker: env.WORKER?.toLowerCase() !== "off",
    latchworkUrl: (env.LATCHWORK_URL || "http://127.0.0.1:8080").replace(/\/+$/, ""),
    syncLeaseMs: positiveInteger(env, "LATCHWORK_SYNC_LEASE_MS"),
    rateLimit: {
      perMinute: positiveInteger(env, "LATCHWORK_RATE_LIMIT_MINUTE"),
      perDay: positiveInteger(env, "LATCHWORK_RATE_LIMIT_DAY"),
    },
    timeouts: {
      requestTimeoutMs: positiveInteger(env, "LATCHWORK_REQUEST_TIMEOUT_MS"),
      headersTimeoutMs: positiveInteger(env, "LATCHWORK_HEADERS_TIMEOUT_MS"),
      keepAliveTimeoutMs: positiveInteger(env, "LATCHWORK_KEEP_ALIVE_TIMEOUT_MS"),
    },
  };
}
