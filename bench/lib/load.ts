import autocannon from "autocannon";
import { customerFields, ID_BASE } from "./customer-data.ts";

/**
 * The load: autocannon's programmatic API in the bench process, one server at a
 * time, every request built by the same generator (random ids over the seeded
 * customers). Servers differ only in their URL shapes (`Dialect`): json-server
 * has `/customers/{id}` and no prefix filter, the rest Fusebill's paths.
 */
export type Route = "GET" | "PUT" | "POST" | "LIST" | "PUT synced";
export type Dialect = "fusebill" | "json-server";

export interface LoadOptions {
  url: string;
  dialect: Dialect;
  route: Route;
  /** Ids are drawn from customers 0 … count-1 (PUT synced: 0 … synced-1). */
  count: number;
  synced?: number;
  apiKey: string;
  durationSeconds: number;
  connections?: number;
  /** Requests per second over all connections; unset: as fast as the server answers. */
  overallRate?: number;
}

export interface LoadResult {
  /** Successful (2xx) answers per second. */
  rps: number;
  p50: number;
  p99: number;
  /** Connection errors, timeouts and non-2xx answers. */
  errors: number;
  requests: number;
}

const PAGE_SIZE = 20;
const MATCHES_PER_NAME = 10; // one in 10 seeded customers is a Smith (customer-data.ts)

interface BenchRequest {
  method: "GET" | "PUT" | "POST";
  path: string;
  body?: string;
}

const randomBelow = (n: number) => Math.floor(Math.random() * n);

/** The next request of `route`, in `dialect`'s URL shapes. */
export function nextRequest(options: LoadOptions): BenchRequest {
  const i = randomBelow(options.route === "PUT synced" ? (options.synced ?? 1) : options.count);
  const id = ID_BASE + i;
  const json = options.dialect === "json-server";
  switch (options.route) {
    case "GET":
      return { method: "GET", path: json ? `/customers/${id}` : `/v1/customers/${id}` };
    case "PUT":
    case "PUT synced": {
      const body = JSON.stringify({
        id: json ? String(id) : id,
        status: "Active",
        ...customerFields(i, 1 + randomBelow(5)),
      });
      return { method: "PUT", path: json ? `/customers/${id}` : "/v1/customers", body };
    }
    case "POST":
      return {
        method: "POST",
        path: json ? "/customers" : "/v1/customers",
        body: JSON.stringify(customerFields(options.count + randomBelow(1_000_000))),
      };
    case "LIST": {
      const pages = Math.max(1, Math.floor(options.count / MATCHES_PER_NAME / PAGE_SIZE));
      const page = randomBelow(Math.min(pages, 50));
      // json-server 1.0 has no prefix operator: its nearest is the exact match, and its pages start at 1
      return {
        method: "GET",
        path: json
          ? `/customers?lastName=Smith&_page=${page + 1}&_per_page=${PAGE_SIZE}`
          : `/v1/customers?query=lastName:Sm*&pageSize=${PAGE_SIZE}&pageNumber=${page}`,
      };
    }
  }
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const headers = {
    authorization: `Basic ${options.apiKey}`,
    "content-type": "application/json",
  };
  const result = await autocannon({
    url: options.url,
    connections: options.connections ?? 32,
    duration: options.durationSeconds,
    timeout: 10,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    requests: [
      {
        setupRequest: (request) => {
          const next = nextRequest(options);
          return { ...request, ...next, headers };
        },
      },
    ],
  });
  const ok = result["2xx"];
  return {
    rps: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    requests: ok + result.non2xx,
  };
}
