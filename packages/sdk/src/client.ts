import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./openapi-types.ts";
import { Customers } from "./resources/customers.ts";
import { HubSpot } from "./resources/hubspot.ts";
import { Integrations } from "./resources/integrations.ts";
import { NetSuite } from "./resources/netsuite.ts";
import { Salesforce } from "./resources/salesforce.ts";
import { Sync } from "./resources/sync.ts";
import { type RetryOptions, retryingFetch } from "./retry.ts";

/** The openapi-fetch client the resources call, typed by the server's OpenAPI document. */
export type RawClient = Client<paths>;

export interface LatchworkClientOptions {
  /** The API key exactly as issued; sent as `Authorization: Basic {apiKey}`, as Fusebill's clients do. */
  apiKey: string;
  /** Where the server listens, e.g. `https://billing.example.com`. Default `http://127.0.0.1:8080`. */
  baseUrl?: string;
  /** The retry policy (network errors, 5xx and 429 only), or `false` for a single attempt. */
  retry?: RetryOptions | false;
  /** A `fetch` to send requests with (a proxy agent, a test double). Default `globalThis.fetch`. */
  fetch?: (request: Request) => Promise<Response>;
  /** Headers added to every request, e.g. a `User-Agent`. */
  headers?: Record<string, string>;
}

export const DEFAULT_BASE_URL = "http://127.0.0.1:8080";

/**
 * A client of one Latchwork server and account. Methods are grouped by
 * resource and resolve to `{ data }` or `{ error }` (the Fusebill envelope);
 * see `ApiResult`.
 *
 * @example
 * ```ts
 * import { LatchworkClient } from "@latchwork/sdk";
 *
 * const latchwork = new LatchworkClient({ apiKey: process.env.LATCHWORK_API_KEY!, baseUrl: "http://127.0.0.1:8080" });
 * const { data, error } = await latchwork.customers.create({ firstName: "John", lastName: "Smith" });
 * if (error) console.error(error.Errors[0]?.Value);
 * else console.log(data.id, data.status); // 12345 "Draft"
 * ```
 */
export class LatchworkClient {
  readonly customers: Customers;
  readonly salesforce: Salesforce;
  readonly hubspot: HubSpot;
  readonly netsuite: NetSuite;
  /** Our API beyond Fusebill's: the account's CRM connections. */
  readonly integrations: Integrations;
  /** Our API beyond Fusebill's: what waits to be pushed to the CRMs. */
  readonly sync: Sync;
  /** The underlying openapi-fetch client, for a call the resources do not wrap. */
  readonly raw: RawClient;

  constructor(options: LatchworkClientOptions) {
    if (typeof options.apiKey !== "string" || options.apiKey.trim() === "") {
      throw new TypeError("LatchworkClient: apiKey is required");
    }
    const baseFetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));
    this.raw = createClient<paths>({
      baseUrl: (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, ""),
      fetch: options.retry === false ? baseFetch : retryingFetch(baseFetch, options.retry),
      headers: { ...options.headers, authorization: `Basic ${options.apiKey.trim()}` },
    });
    this.customers = new Customers(this.raw);
    this.salesforce = new Salesforce(this.raw);
    this.hubspot = new HubSpot(this.raw);
    this.netsuite = new NetSuite(this.raw);
    this.integrations = new Integrations(this.raw);
    this.sync = new Sync(this.raw);
  }
}

/** Same as `new LatchworkClient(options)`. */
export function createLatchworkClient(options: LatchworkClientOptions): LatchworkClient {
  return new LatchworkClient(options);
}
