import http from "node:http";
import https from "node:https";
import type { Client } from "@hubspot/api-client";
import type { Static, TSchema } from "typebox";
import { messages } from "../../errors/messages.ts";
import { expectShape } from "../crm-answer.ts";
import { type CrmCallOutcome, type CrmCallTrace, logCrmCall } from "../crm-call-log.ts";
import { type CrmConnection, crmTimeoutMs, type IntegrationDeps } from "../crm-connection.ts";
import { CrmAnswerUnexpected } from "../crm-http.ts";

/**
 * Calls through the official SDK (`@hubspot/api-client`), shared by the latch
 * connector and the sync pusher.
 * - No SDK retries and no SDK limiter: its decorators are a process-wide
 *   singleton (every `new Client` replaces them for all clients); the callers
 *   decide about retries, and the pusher has its own database-wide limit.
 * - The SDK has no timeout; each call gets its own agent, destroyed when the
 *   time is up, so a hung HubSpot really is abandoned.
 * - The SDK reads any 2xx answer into its model without a check (`{}`, `[]`
 *   or an HTML page all become an empty record), so every answer is checked
 *   against the shape the caller relies on.
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

/** The shape a call's answer must have, and what to call it in the error when it does not. */
export interface ExpectedAnswer<T extends TSchema> {
  schema: T;
  what: string;
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

/** The request and answer one SDK call made, as its middleware saw them (one request: no SDK retries). */
interface SeenCall {
  method: string;
  url: string;
  status?: number;
}

/** SDK middleware recording method, URL and status for the debug log; it changes nothing. */
function observe(seen: SeenCall) {
  return {
    pre(context: unknown) {
      const request = context as { getHttpMethod(): string; getUrl(): string };
      seen.method = request.getHttpMethod();
      seen.url = request.getUrl();
      return context;
    },
    post(context: unknown) {
      seen.status = (context as { httpStatusCode: number }).httpStatusCode;
      return context;
    },
  };
}

/**
 * Runs `call` with a fresh SDK client for `connection`, abandoned after the
 * connection's timeout, logs it at debug level (crm-call-log.ts) and returns
 * its answer once it has the `expected` shape. A 2xx answer the SDK cannot
 * read, or one of another shape, is CrmAnswerUnexpected; the SDK's own errors
 * (ApiException for non-2xx, network errors) and CallTimeout pass through.
 */
export async function callHubSpot<T extends TSchema>(
  deps: IntegrationDeps,
  connection: CrmConnection,
  expected: ExpectedAnswer<T>,
  call: (client: Client) => Promise<unknown>,
): Promise<Static<T>> {
  const accessToken = hubSpotToken(connection);
  // imported on first use: the SDK's module graph cost ~100 ms of every start, HubSpot connector or not
  const { Client } = await import("@hubspot/api-client");
  const seen: SeenCall = { method: "unknown", url: connection.baseUrl };
  const trace: CrmCallTrace = { crm: "hubspot", logger: deps.logger };
  const startedAt = performance.now();
  const log = (outcome: CrmCallOutcome, status = seen.status) =>
    logCrmCall(trace, { method: seen.method, url: seen.url, status, startedAt, outcome });
  let answer: unknown;
  try {
    answer = await withDeadline(connection.baseUrl, crmTimeoutMs(deps, connection), (httpAgent) =>
      call(
        new Client({
          accessToken,
          basePath: connection.baseUrl,
          numberOfApiCallRetries: 0,
          httpAgent,
          middleware: [observe(seen)],
        }),
      ),
    );
  } catch (error) {
    if (error instanceof CallTimeout) log("timeout");
    else if (isSdkError(error)) log("http-error", error.code);
    else if (seen.status !== undefined) {
      // an answer came, but the SDK could not read it: an empty or non-JSON body
      log("unexpected-answer");
      throw new CrmAnswerUnexpected(
        messages.crmAnswerUnexpected(
          seen.status,
          `with a body that is not JSON: ${(error as Error).message}`,
        ),
      );
    } else log("network-error");
    throw error;
  }
  try {
    const checked = expectShape(expected.schema, answer, seen.status ?? 200, expected.what);
    log("ok");
    return checked;
  } catch (error) {
    log("unexpected-answer");
    throw error;
  }
}

export function hubSpotToken(connection: CrmConnection): string {
  return connection.credentials.accessToken ?? connection.credentials.token ?? "";
}
