import { findAccountMode } from "../accounts/account-repository.ts";
import type { AccountMode } from "../db/schema.ts";
import { BadRequestError } from "../errors/api-error.ts";
import { messages } from "../errors/messages.ts";
import { clearConnectionHealth, findConnectionHealth, HEALTHY } from "./connection-health.ts";
import { deleteConnectionRow, findConnectionRow, upsertConnectionRow } from "./connection-repository.ts";
import type { ConnectionView } from "./connection-view.ts";
import {
  assertOutboundAllowed,
  CRM_LABELS,
  type CrmName,
  connectionUrls,
  credentialsContext,
  type IntegrationDeps,
  sandboxConnection,
  secretKeyOf,
} from "./crm-connection.ts";
import { encryptSecret } from "./secret-box.ts";

/** The credentials each CRM needs (all strings); other fields sent are not stored. */
export const CREDENTIAL_FIELDS: Record<CrmName, readonly string[]> = {
  hubspot: ["accessToken"],
  salesforce: ["instanceUrl", "clientId", "clientSecret"],
  netsuite: ["accountId", "consumerKey", "consumerSecret", "tokenId", "tokenSecret"],
};

export interface ConnectionInput {
  baseUrl?: string | undefined;
  credentials: Record<string, string | undefined>;
  settings?: Record<string, unknown> | undefined;
}

/** The vendor's production API when the caller gives no baseUrl. */
function defaultBaseUrl(crm: CrmName, credentials: Record<string, string>): string {
  switch (crm) {
    case "hubspot":
      return "https://api.hubapi.com";
    case "salesforce":
      return credentials.instanceUrl as string;
    case "netsuite":
      // NetSuite hosts use the account id lower-cased, with '_' (sandbox accounts) as '-'
      return `https://${(credentials.accountId as string).toLowerCase().replace(/_/g, "-")}.suitetalk.api.netsuite.com`;
  }
}

function normalizeUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new BadRequestError(messages.crmBaseUrlInvalid(value));
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new BadRequestError(messages.crmBaseUrlInvalid(value));
  return url.toString().replace(/\/+$/, "");
}

/** The authenticated account exists; an account deleted meanwhile reads as test, as getCrmConnection does. */
async function modeOf(deps: IntegrationDeps, accountId: number): Promise<AccountMode> {
  return (await findAccountMode(deps.db, accountId)) ?? "test";
}

export async function saveConnection(
  deps: IntegrationDeps,
  accountId: number,
  crm: CrmName,
  input: ConnectionInput,
): Promise<ConnectionView> {
  const required = CREDENTIAL_FIELDS[crm];
  const credentials: Record<string, string> = {};
  for (const field of required) {
    const value = input.credentials[field]?.trim();
    if (!value) throw new BadRequestError(messages.crmCredentialMissing(CRM_LABELS[crm], field, required));
    credentials[field] = value;
  }
  if (credentials.instanceUrl) credentials.instanceUrl = normalizeUrl(credentials.instanceUrl);
  const baseUrl = normalizeUrl(input.baseUrl?.trim() || defaultBaseUrl(crm, credentials));
  const mode = await modeOf(deps, accountId);
  if (mode === "live") await assertOutboundAllowed(deps, connectionUrls(baseUrl, credentials));
  const sealed = encryptSecret(
    secretKeyOf(deps),
    JSON.stringify(credentials),
    credentialsContext(accountId, crm),
  );
  // new credentials are the way out of "failing": the workers claim the connection's pushes again
  const row = await deps.db.transaction().execute(async (trx) => {
    await clearConnectionHealth(trx, accountId, crm);
    return upsertConnectionRow(trx, {
      accountId,
      crm,
      baseUrl,
      credentialsEncrypted: sealed,
      settings: input.settings ?? {},
    });
  });
  return {
    crm,
    mode,
    source: "configured",
    baseUrl: row.baseUrl,
    credentialFields: Object.keys(credentials),
    settings: row.settings,
    createdTimestamp: row.createdAt.toISOString(),
    modifiedTimestamp: row.updatedAt.toISOString(),
    health: HEALTHY,
  };
}

export async function describeConnection(
  deps: IntegrationDeps,
  accountId: number,
  crm: CrmName,
): Promise<ConnectionView> {
  const row = await findConnectionRow(deps.db, accountId, crm);
  const health = await findConnectionHealth(deps.db, accountId, crm);
  const mode = await modeOf(deps, accountId);
  if (row) {
    return {
      crm,
      mode,
      source: "configured",
      baseUrl: row.baseUrl,
      // the stored set is always the CRM's required set (saveConnection keeps nothing else)
      credentialFields: [...CREDENTIAL_FIELDS[crm]],
      settings: row.settings,
      createdTimestamp: row.createdAt.toISOString(),
      modifiedTimestamp: row.updatedAt.toISOString(),
      health,
    };
  }
  // as getCrmConnection decides: a live account has no sandbox to fall back to
  const sandbox =
    deps.sandbox === false || mode === "live" ? undefined : sandboxConnection(deps, accountId, crm);
  return {
    crm,
    mode,
    source: sandbox ? "sandbox" : "none",
    baseUrl: sandbox?.baseUrl ?? null,
    credentialFields: [],
    settings: sandbox?.settings ?? {},
    createdTimestamp: null,
    modifiedTimestamp: null,
    health,
  };
}

/** Forgets the account's connection (and its failing mark, which was about it): back to the sandbox (or to none). */
export async function removeConnection(
  deps: IntegrationDeps,
  accountId: number,
  crm: CrmName,
): Promise<ConnectionView> {
  await deps.db.transaction().execute(async (trx) => {
    await deleteConnectionRow(trx, accountId, crm);
    await clearConnectionHealth(trx, accountId, crm);
  });
  return describeConnection(deps, accountId, crm);
}
