/**
 * @latchwork/sdk: a typed client of the Latchwork server (the Fusebill v1
 * Customer API with Salesforce, HubSpot and NetSuite latching).
 *
 * @example
 * ```ts
 * import { LatchworkClient } from "@latchwork/sdk";
 *
 * const latchwork = new LatchworkClient({ apiKey: process.env.LATCHWORK_API_KEY!, baseUrl: "http://127.0.0.1:8080" });
 * const { data, error } = await latchwork.customers.get(12345);
 * ```
 */
export {
  createLatchworkClient,
  DEFAULT_BASE_URL,
  LatchworkClient,
  type LatchworkClientOptions,
  type RawClient,
} from "./client.ts";
export type { components, operations, paths } from "./openapi-types.ts";
export type { CustomerPage, Paging } from "./resources/customers.ts";
export {
  type ApiResult,
  errorMessage,
  type FusebillError,
  isFusebillError,
  LatchworkApiError,
} from "./result.ts";
export { isRetryableStatus, parseRetryAfter, type RetryEvent, type RetryOptions } from "./retry.ts";
export type * from "./types.ts";
