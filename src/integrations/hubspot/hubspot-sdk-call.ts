import http from "node:http";
import https from "node:https";
import type { Client } from "@hubspot/api-client";
import { type CrmConnection, crmTimeoutMs, type IntegrationDeps } from "../crm-connection.ts";

/**
 * Calls through the official SDK (`@hubspot/api-client`), shared by the latch
 * connector and the sync pusher.
 * - No SDK retries and no SDK limiter: its decorators are a process-wide
 *   singleton (every `new Client` replaces them for all clients); the callers
 *   decide about retries, and the pusher has its own database-wide limit.
 * - The SDK has no timeout; each call gets its own agent, destroyed when the
 *   time is up, so a hung HubSpot really is abandoned.
 */
export class CallTimeout extends Error {}

/** What the SDK throws for a non-2xx answer (`ApiException`). */
export interface SdkError {
  code: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function isSdkError(error: unknown): error is SdkError {
  return typeof error === "object" && error !== null && typeof (error as SdkError).code === "number";
}

async function withDeadline<T>(baseUrl: string, timeoutMs: number, call: (agent: http.Agent) => Promise<T>) {
  const agent = baseUrl.startsWith("https:") ? new https.Agent() : new http.Agent();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      agent.destroy();
      reject(new CallTimeout());
    }, timeoutMs);
  });
  try {
    return await Promise.race([call(agent), deadline]);
  } finally {
    clearTimeout(timer);
    agent.destroy();
  }
}

/** Runs `call` with a fresh SDK client for `connection`, abandoned after the connection's timeout. */
export async function callHubSpot<T>(
  deps: IntegrationDeps,
  connection: CrmConnection,
  call: (client: Client) => Promise<T>,
): Promise<T> {
  const accessToken = hubSpotToken(connection);
  // imported on first use: the SDK's module graph cost ~100 ms of every start, HubSpot connector or not
  const { Client } = await import("@hubspot/api-client");
  return withDeadline(connection.baseUrl, crmTimeoutMs(deps, connection), (httpAgent) =>
    call(new Client({ accessToken, basePath: connection.baseUrl, numberOfApiCallRetries: 0, httpAgent })),
  );
}

export function hubSpotToken(connection: CrmConnection): string {
  return connection.credentials.accessToken ?? connection.credentials.token ?? "";
}
