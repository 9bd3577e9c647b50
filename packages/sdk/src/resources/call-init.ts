import type { CallOptions } from "../types.ts";

/** The per-call options in the form openapi-fetch takes them (absent keys left out). */
export function callInit(options: CallOptions | undefined): {
  signal?: AbortSignal;
  headers?: Record<string, string>;
} {
  return {
    ...(options?.signal ? { signal: options.signal } : {}),
    ...(options?.headers ? { headers: options.headers } : {}),
  };
}
