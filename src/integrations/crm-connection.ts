import { findAccountMode } from "../accounts/account-repository.ts";
import type { Db } from "../db/database.ts";
import { BadRequestError } from "../errors/api-error.ts";
import { messages } from "../errors/messages.ts";
import { findConnectionRow } from "./connection-repository.ts";
import type { CrmCallLogger } from "./crm-call-log.ts";
import { CrmUnreachable } from "./crm-http.ts";
import { type OutboundPolicy, outboundRefusal } from "./outbound-url.ts";
import { decryptSecret, resolveSecretKey } from "./secret-box.ts";

export type CrmName = "salesforce" | "hubspot" | "netsuite";

export const CRM_NAMES: readonly CrmName[] = ["salesforce", "hubspot", "netsuite"];

/** How the vendors spell themselves, for messages. */
export const CRM_LABELS: Record<CrmName, string> = {
  salesforce: "Salesforce",
  hubspot: "HubSpot",
  netsuite: "NetSuite",
};

/** How to reach one CRM for one account: where, and with which (decrypted) credentials. */
export interface CrmConnection {
  crm: CrmName;
  /** Base URL of the vendor API, e.g. https://api.hubapi.com, or this process's /sandbox/hubspot. */
  baseUrl: string;
  credentials: Record<string, string>;
  /** `sandbox: true` on the built-in fallback; `timeoutMs` when the account set one. */
  settings: Record<string, unknown>;
}

export interface IntegrationDeps {
  db: Db;
  /** `http://127.0.0.1:{port}` of this process once it listens; the built-in sandboxes live beneath it. */
  selfUrl(): string;
  /** False when the sandboxes are switched off (SANDBOX=off): an account must then configure its CRMs. */
  sandbox?: boolean | undefined;
  /** Default time a CRM call may take before it counts as unreachable (10 s when unset). */
  crmTimeoutMs?: number | undefined;
  /** Key for the stored credentials; resolved from the environment when unset (see secret-box.ts). */
  secretKey?: Buffer | undefined;
  /**
   * Where every CRM call is logged at debug level (crm-call-log.ts): the
   * request's logger for latches (its lines carry the reqId), the process's
   * logger for the sync worker. Nothing is logged when unset.
   */
  logger?: CrmCallLogger | undefined;
  /** LATCHWORK_OUTBOUND_ALLOW, parsed: hosts a live account may call although they are not public https. */
  outboundAllow?: readonly string[] | undefined;
  /** How hostnames are resolved for the outbound policy; dns.lookup when unset (tests replace it). */
  outboundResolve?: OutboundPolicy["resolve"];
}

export const DEFAULT_CRM_TIMEOUT_MS = 10_000;

/** `deps` for one API request: its CRM calls are logged by the request's logger, so they carry its reqId. */
export function withCallLogger<T extends IntegrationDeps>(deps: T, request: { log: CrmCallLogger }): T {
  return { ...deps, logger: request.log };
}

/**
 * The CRM refused the connection's credentials themselves (e.g. Salesforce's
 * token endpoint answering invalid_client): a latch reports it as "could not be
 * reached", the sync worker marks the connection failing.
 */
export class CrmCredentialsRejected extends CrmUnreachable {}

/** The AES-GCM associated data of a connection's credentials: the row they belong to. */
export function credentialsContext(accountId: number, crm: CrmName): string {
  return `crm_connections:${accountId}:${crm}`;
}

export function secretKeyOf(deps: IntegrationDeps): Buffer {
  return deps.secretKey ?? resolveSecretKey();
}

/** How long a call to this connection may take: the connection's own setting, else the app's. */
export function crmTimeoutMs(deps: IntegrationDeps, connection: CrmConnection): number {
  const own = connection.settings.timeoutMs;
  return typeof own === "number" && own > 0 ? own : (deps.crmTimeoutMs ?? DEFAULT_CRM_TIMEOUT_MS);
}

/**
 * Credentials of the built-in sandboxes: the same shape as real ones, plus
 * `token` (the bearer the sandboxes accept). HubSpot's token names the account,
 * because HubSpot counts its rate limit per portal.
 */
function sandboxCredentials(accountId: number, crm: CrmName, baseUrl: string): Record<string, string> {
  const token = `sandbox-${accountId}`;
  switch (crm) {
    case "hubspot":
      return { token, accessToken: token };
    case "salesforce":
      return { token, instanceUrl: baseUrl, clientId: "sandbox", clientSecret: "sandbox" };
    case "netsuite":
      return {
        token,
        accountId: "SANDBOX",
        consumerKey: "sandbox",
        consumerSecret: "sandbox",
        tokenId: "sandbox",
        tokenSecret: "sandbox",
      };
  }
}

export function sandboxConnection(deps: IntegrationDeps, accountId: number, crm: CrmName): CrmConnection {
  const baseUrl = `${deps.selfUrl()}/sandbox/${crm}`;
  return {
    crm,
    baseUrl,
    credentials: sandboxCredentials(accountId, crm, baseUrl),
    settings: { sandbox: true },
  };
}

/**
 * Refuses (400) URLs a live account may not call (outbound-url.ts): checked
 * when a connection is saved and again at every use, since a name's addresses
 * can change after it was saved.
 */
export async function assertOutboundAllowed(
  deps: IntegrationDeps,
  urls: Record<string, string | undefined>,
): Promise<void> {
  const policy: OutboundPolicy = { allow: deps.outboundAllow ?? [], resolve: deps.outboundResolve };
  for (const [field, value] of Object.entries(urls)) {
    if (value === undefined) continue;
    const reason = await outboundRefusal(value, policy);
    if (reason) throw new BadRequestError(messages.outboundUrlRefused(field, value, reason));
  }
}

/** The URLs of a connection that the outbound policy covers. */
export function connectionUrls(
  baseUrl: string,
  credentials: Record<string, string>,
): Record<string, string | undefined> {
  return { baseUrl, "credentials.instanceUrl": credentials.instanceUrl };
}

/**
 * The account's connection to `crm`. Until one is configured, a test account
 * talks to the built-in sandbox of that CRM, so the spec's examples work on a
 * fresh start; with the sandboxes off, an unconfigured CRM is a 400. A live
 * account never falls back to a sandbox (a 400 that says to configure the
 * CRM), and its configured URLs are checked against the outbound policy. The
 * sync worker resolves its pushes' connections here too, so a live account's
 * pushes wait (as retries carrying this text) instead of reaching a sandbox.
 */
export async function getCrmConnection(
  deps: IntegrationDeps,
  accountId: number,
  crm: CrmName,
): Promise<CrmConnection> {
  // the mode is read fresh at every call, never from a cache: it decides whether a sandbox may be used
  const [row, mode] = await Promise.all([
    findConnectionRow(deps.db, accountId, crm),
    findAccountMode(deps.db, accountId),
  ]);
  if (row) {
    const plaintext = decryptSecret(
      secretKeyOf(deps),
      row.credentialsEncrypted,
      credentialsContext(accountId, crm),
    );
    const credentials = JSON.parse(plaintext) as Record<string, string>;
    if (mode === "live") await assertOutboundAllowed(deps, connectionUrls(row.baseUrl, credentials));
    return { crm, baseUrl: row.baseUrl, credentials, settings: row.settings };
  }
  if (mode === "live") throw new BadRequestError(messages.crmNotConnectedLive(CRM_LABELS[crm], crm));
  if (deps.sandbox === false) throw new BadRequestError(messages.crmNotConnected(CRM_LABELS[crm], crm));
  return sandboxConnection(deps, accountId, crm);
}
