import http from "node:http";
import https from "node:https";
import { Client } from "@hubspot/api-client";
import { type CrmConnection, crmTimeoutMs, type IntegrationDeps } from "../crm-connection.ts";

/**
 * Reads HubSpot contacts and companies through the official SDK
 * (`@hubspot/api-client`), pointed at the connection's base URL (the real API
 * or the built-in sandbox).
 * - No SDK retries and no SDK limiter: its decorators are a process-wide
 *   singleton (every `new Client` replaces them for all clients), and a latch
 *   is a user's request that should fail fast rather than wait 10 s × n.
 * - The SDK has no timeout; each call gets its own agent, destroyed when the
 *   time is up, so a hung HubSpot really is abandoned.
 */
export interface HubSpotObject {
  /** The id HubSpot answers with; differs from the requested one after a merge. */
  id: number;
  properties: Record<string, string | null>;
}

export type HubSpotLookup =
  | { kind: "found"; record: HubSpotObject; merged: boolean }
  | { kind: "not-found" }
  | { kind: "unavailable"; reason: string };

export interface HubSpotConnector {
  getContact(vid: number): Promise<HubSpotLookup>;
  getCompany(id: number): Promise<HubSpotLookup>;
}

class CallTimeout extends Error {}

interface SdkError {
  code: number;
  headers?: Record<string, string>;
}

function isSdkError(error: unknown): error is SdkError {
  return typeof error === "object" && error !== null && typeof (error as SdkError).code === "number";
}

/** Why a failed call means "could not ask" (never "does not exist"). */
function unavailableReason(error: unknown, timeoutMs: number): string {
  if (error instanceof CallTimeout) return `no answer within ${timeoutMs} ms`;
  if (isSdkError(error)) {
    if (error.code === 401 || error.code === 403) return `HubSpot refused the credentials (${error.code})`;
    if (error.code === 429) {
      const retryAfter = error.headers?.["retry-after"];
      return `rate limited (429)${retryAfter ? `, retry after ${retryAfter} s` : ""}`;
    }
    return `HubSpot answered ${error.code}`;
  }
  const cause = (error as { cause?: { code?: string } })?.cause?.code ?? (error as { code?: string })?.code;
  return `connection failed${cause ? `: ${cause}` : ""}`;
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

export function hubSpotConnector(deps: IntegrationDeps, connection: CrmConnection): HubSpotConnector {
  const timeoutMs = crmTimeoutMs(deps, connection);
  const accessToken = connection.credentials.accessToken ?? connection.credentials.token ?? "";

  async function lookup(
    requestedId: number,
    fetchRecord: (client: Client) => Promise<{ id: string; properties: Record<string, string | null> }>,
  ): Promise<HubSpotLookup> {
    try {
      const record = await withDeadline(connection.baseUrl, timeoutMs, (httpAgent) =>
        fetchRecord(
          new Client({ accessToken, basePath: connection.baseUrl, numberOfApiCallRetries: 0, httpAgent }),
        ),
      );
      const id = Number(record.id);
      return { kind: "found", record: { id, properties: record.properties }, merged: id !== requestedId };
    } catch (error) {
      if (isSdkError(error) && error.code === 404) return { kind: "not-found" };
      return { kind: "unavailable", reason: unavailableReason(error, timeoutMs) };
    }
  }

  return {
    getContact: (vid) =>
      lookup(vid, (client) =>
        client.crm.contacts.basicApi.getById(String(vid), ["email", "firstname", "lastname"]),
      ),
    getCompany: (id) =>
      lookup(id, (client) => client.crm.companies.basicApi.getById(String(id), ["name", "domain"])),
  };
}
