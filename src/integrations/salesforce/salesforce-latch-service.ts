import type { CustomerRecord } from "../../customers/customer-record.ts";
import { findCustomer } from "../../customers/customer-repository.ts";
import type { AccountContext } from "../../customers/customer-service.ts";
import { BadRequestError, CrmUnavailableError, CustomerNotFoundError } from "../../errors/api-error.ts";
import { messages } from "../../errors/messages.ts";
import { crmTimeoutMs, getCrmConnection, type IntegrationDeps } from "../crm-connection.ts";
import { isUniqueViolation, LINK_INDEXES } from "../unique-violation.ts";
import { SalesforceConnector } from "./salesforce-connector.ts";
import { toAccountId18 } from "./salesforce-id.ts";
import {
  findSalesforceHolder,
  latchSalesforceId,
  type SynchStatus,
  setSalesforceSynchStatus,
} from "./salesforce-link-repository.ts";

export interface SalesforceLatchInput {
  fusebillId: number;
  /** As the client sent it: 15 or 18 characters. */
  salesforceId: string;
  forceLatch?: boolean | null | undefined;
}

/**
 * POST /v1/Salesforce/Latch (spec page 002). The request is checked first (the
 * customer; the id's shape, checksum and Account prefix; then Salesforce must
 * confirm the Account, so "does not exist" wins over every other refusal), then
 * the state (forceLatch, another holder); nothing is written unless Salesforce
 * answered. The 18-character Id Salesforce answers with is stored.
 */
export async function latchSalesforce(
  deps: IntegrationDeps,
  account: AccountContext,
  input: SalesforceLatchInput,
): Promise<CustomerRecord> {
  const { fusebillId: customerId, salesforceId: requested } = input;
  const force = input.forceLatch === true;
  const customer = await findCustomer(deps.db, account.accountId, customerId);
  if (!customer) throw new CustomerNotFoundError(customerId);
  const id18 = toAccountId18(requested);
  if (!id18) throw new BadRequestError(messages.salesforceAccountMissing(requested));

  const connection = await getCrmConnection(deps, account.accountId, "salesforce");
  const lookup = await new SalesforceConnector(
    connection,
    crmTimeoutMs(deps, connection),
    deps.logger,
  ).findAccount(id18);
  if (lookup.kind === "not-found") throw new BadRequestError(messages.salesforceAccountMissing(requested));
  if (lookup.kind === "unavailable") {
    throw new CrmUnavailableError(messages.crmUnavailable("Salesforce", lookup.reason));
  }
  if (customer.salesforceId && customer.salesforceId !== lookup.id && !force) {
    throw new BadRequestError(messages.salesforceAlreadyLatched(customerId, customer.salesforceId));
  }
  const holder = await findSalesforceHolder(deps.db, account.accountId, lookup.id, customerId);
  if (holder !== undefined) throw new BadRequestError(messages.salesforceAccountTaken(lookup.id, holder));

  try {
    const latched = await latchSalesforceId(deps.db, account.accountId, customerId, lookup.id, force);
    if (latched) return latched;
  } catch (error) {
    if (!isUniqueViolation(error, LINK_INDEXES.salesforceId)) throw error;
    const holder = await findSalesforceHolder(deps.db, account.accountId, lookup.id, customerId);
    throw new BadRequestError(messages.salesforceAccountTaken(lookup.id, holder));
  }
  // the customer changed while Salesforce was asked: it is gone, or another latch won
  const current = await findCustomer(deps.db, account.accountId, customerId);
  if (!current) throw new CustomerNotFoundError(customerId);
  throw new BadRequestError(messages.salesforceAlreadyLatched(customerId, current.salesforceId ?? ""));
}

/**
 * POST /v1/Salesforce/EnableSynch|DisableSynch/{id} (spec page 001): the
 * status only. Pushing the customer belongs to the sync engine, which reads it.
 */
export async function setSalesforceSynch(
  deps: IntegrationDeps,
  account: AccountContext,
  customerId: number,
  status: SynchStatus,
): Promise<CustomerRecord> {
  const updated = await setSalesforceSynchStatus(deps.db, account.accountId, customerId, status);
  if (updated) return updated;
  const customer = await findCustomer(deps.db, account.accountId, customerId);
  if (!customer) throw new CustomerNotFoundError(customerId);
  throw new BadRequestError(messages.salesforceNotLatched(customerId));
}
