import type { CustomerRecord } from "../../customers/customer-record.ts";
import { type AccountContext, getCustomer } from "../../customers/customer-service.ts";
import type { Db } from "../../db/database.ts";
import { BadRequestError } from "../../errors/api-error.ts";
import { messages } from "../../errors/messages.ts";
import { accountConnectionHealth } from "../../integrations/connection-health.ts";
import { CRM_NAMES, type CrmName } from "../../integrations/crm-connection.ts";
import { outboxStats } from "../outbox/outbox-stats.ts";
import { replayDeadPushes } from "../outbox/replay-dead.ts";
import type { AccountSyncView, CrmSyncStateView, CustomerSyncView } from "./sync-schemas.ts";
import { findCustomerSyncRows } from "./sync-status-repository.ts";

const iso = (value: Date | string | null | undefined): string | null =>
  value == null ? null : new Date(value).toISOString();
const idText = (value: string | number | null): string | null => (value == null ? null : String(value));

/** The customer's link and whether the outbox trigger (migration 0004) pushes its changes to `crm`. */
function linkOf(customer: CustomerRecord, crm: CrmName) {
  switch (crm) {
    case "salesforce":
      return {
        linkedId: customer.salesforceId,
        syncStatus: customer.salesforceSynchStatus,
        syncEnabled: customer.salesforceId !== null && customer.salesforceSynchStatus === "Enabled",
      };
    case "netsuite":
      return {
        linkedId: customer.netsuiteId,
        syncStatus: customer.netsuiteSynchStatus,
        syncEnabled: customer.netsuiteId !== null && customer.netsuiteSynchStatus === "Enabled",
      };
    case "hubspot":
      return {
        linkedId: idText(customer.hubSpotId),
        linkedCompanyId: idText(customer.hubSpotCompanyId),
        syncStatus: null,
        syncEnabled: customer.hubSpotId !== null || customer.hubSpotCompanyId !== null,
      };
  }
}

/** GET /v1/customers/{id}/sync: per CRM, what waits in the outbox and what last reached the CRM. */
export async function getCustomerSync(
  db: Db,
  account: AccountContext,
  id: number,
): Promise<CustomerSyncView> {
  const customer = await getCustomer(db, account, id);
  const [{ outbox, state }, health] = await Promise.all([
    findCustomerSyncRows(db, account.accountId, id),
    accountConnectionHealth(db, account.accountId),
  ]);
  const view = (crm: CrmName): CrmSyncStateView => {
    const row = outbox.find((candidate) => candidate.crm === crm);
    const pushed = state.find((candidate) => candidate.crm === crm);
    const settled = Number(pushed?.settledChanges ?? 0);
    return {
      ...linkOf(customer, crm),
      pending: row !== undefined && row.deadAt === null,
      dead: row?.deadAt != null,
      version: settled + Number(row?.version ?? 0),
      attempts: row?.attempts ?? 0,
      lastError: row?.lastError ?? null,
      enqueuedAt: iso(row?.enqueuedAt),
      availableAt: iso(row?.availableAt),
      lastPushedVersion: pushed ? Number(pushed.lastPushedVersion) : null,
      lastPushedAt: iso(pushed?.lastPushedAt),
      connection: health(crm),
    };
  };
  return {
    customerId: customer.id,
    salesforce: view("salesforce"),
    netsuite: view("netsuite"),
    hubspot: view("hubspot"),
  };
}

/** GET /v1/sync: the account's queue per CRM. */
export async function getAccountSync(db: Db, account: AccountContext): Promise<AccountSyncView> {
  const [rows, health] = await Promise.all([
    outboxStats(db, account.accountId),
    accountConnectionHealth(db, account.accountId),
  ]);
  const view = (crm: CrmName) => {
    const row = rows.find((candidate) => candidate.crm === crm);
    return {
      pending: row?.pending ?? 0,
      dead: row?.dead ?? 0,
      oldestPendingSeconds: row?.oldestPendingSeconds ?? 0,
      connection: health(crm),
    };
  };
  return { salesforce: view("salesforce"), netsuite: view("netsuite"), hubspot: view("hubspot") };
}

/** The CRM a replay names (any letter case), or undefined for all of them. */
export function replayCrm(value: unknown): CrmName | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const crm = String(value).toLowerCase() as CrmName;
  if (typeof value !== "string" || !CRM_NAMES.includes(crm)) {
    throw new BadRequestError(messages.syncReplayCrm(String(value)));
  }
  return crm;
}

/** POST /v1/sync/replay: the account's dead letters (of one CRM, or all) go back in the queue. */
export async function replaySync(db: Db, account: AccountContext, crm: CrmName | undefined) {
  return { replayed: await replayDeadPushes(db, account.accountId, crm) };
}
