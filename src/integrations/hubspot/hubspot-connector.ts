import type { Client } from "@hubspot/api-client";
import { Type } from "typebox";
import { type CrmConnection, crmTimeoutMs, type IntegrationDeps } from "../crm-connection.ts";
import { CrmUnreachable } from "../crm-http.ts";
import { CallTimeout, callHubSpot, isSdkError } from "./hubspot-sdk-call.ts";

/**
 * Reads HubSpot contacts and companies through the official SDK
 * (`@hubspot/api-client`), pointed at the connection's base URL (the real API
 * or the built-in sandbox). A latch is a user's request: it fails fast
 * (no retries, the call's own timeout; see hubspot-sdk-call.ts).
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

/** What a GET of a contact or company answers: its numeric id (≤ 15 digits: a safe integer) and properties. */
const RecordAnswer = Type.Object({
  id: Type.String({ pattern: "^[1-9][0-9]{0,14}$" }),
  properties: Type.Record(Type.String(), Type.Union([Type.String(), Type.Null()])),
});

/** Why a failed call means "could not ask" (never "does not exist"). */
function unavailableReason(error: unknown, timeoutMs: number): string {
  if (error instanceof CallTimeout) return `no answer within ${timeoutMs} ms`;
  if (error instanceof CrmUnreachable) return error.message;
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

export function hubSpotConnector(deps: IntegrationDeps, connection: CrmConnection): HubSpotConnector {
  const timeoutMs = crmTimeoutMs(deps, connection);

  async function lookup(
    requestedId: number,
    what: string,
    fetchRecord: (client: Client) => Promise<unknown>,
  ): Promise<HubSpotLookup> {
    try {
      const record = await callHubSpot(deps, connection, { schema: RecordAnswer, what }, fetchRecord);
      const id = Number(record.id);
      return { kind: "found", record: { id, properties: record.properties }, merged: id !== requestedId };
    } catch (error) {
      if (isSdkError(error) && error.code === 404) return { kind: "not-found" };
      return { kind: "unavailable", reason: unavailableReason(error, timeoutMs) };
    }
  }

  return {
    getContact: (vid) =>
      lookup(vid, "a HubSpot contact", (client) =>
        client.crm.contacts.basicApi.getById(String(vid), ["email", "firstname", "lastname"]),
      ),
    getCompany: (id) =>
      lookup(id, "a HubSpot company", (client) =>
        client.crm.companies.basicApi.getById(String(id), ["name", "domain"]),
      ),
  };
}
