import type { CustomerRecord } from "../../customers/customer-record.ts";
import { findCustomer } from "../../customers/customer-repository.ts";
import type { AccountContext } from "../../customers/customer-service.ts";
import { BadRequestError, CrmUnavailableError, CustomerNotFoundError } from "../../errors/api-error.ts";
import { messages } from "../../errors/messages.ts";
import { crmTimeoutMs, getCrmConnection, type IntegrationDeps } from "../crm-connection.ts";
import { isUniqueViolation, LINK_INDEXES } from "../unique-violation.ts";
import { NetsuiteConnector } from "./netsuite-connector.ts";
import {
  findNetsuiteHolder,
  latchNetsuiteId,
  type SynchStatus,
  setNetsuiteSynchStatus,
  unlatchNetsuite,
} from "./netsuite-link-repository.ts";

/** An internal id (digits) or NetSuite's external-id reference `eid:{externalId}`. */
const NETSUITE_REFERENCE = /^(\d{1,18}|eid:[^/?#\s]{1,255})$/i;

/**
 * POST /v1/NetSuite/LatchCustomer: NetSuite must confirm the customer record
 * first (so "does not exist" wins over "already latched"); nothing is written
 * unless it did. The internal id NetSuite answers with is
 * stored (so an `eid:` reference becomes the record's id), and its isPerson
 * flag gives netsuiteCustomerType (Individual / Company). A customer latched
 * to another NetSuite record must be unlatched first.
 */
export async function latchNetsuite(
  deps: IntegrationDeps,
  account: AccountContext,
  customerId: number,
  requested: string,
): Promise<CustomerRecord> {
  const customer = await findCustomer(deps.db, account.accountId, customerId);
  if (!customer) throw new CustomerNotFoundError(customerId);
  if (!NETSUITE_REFERENCE.test(requested))
    throw new BadRequestError(messages.netsuiteAccountMissing(requested));

  const connection = await getCrmConnection(deps, account.accountId, "netsuite");
  const lookup = await new NetsuiteConnector(
    connection,
    crmTimeoutMs(deps, connection),
    deps.logger,
  ).findCustomer(requested);
  if (lookup.kind === "not-found") throw new BadRequestError(messages.netsuiteAccountMissing(requested));
  if (lookup.kind === "unavailable") {
    throw new CrmUnavailableError(messages.crmUnavailable("NetSuite", lookup.reason));
  }
  if (customer.netsuiteId && customer.netsuiteId !== lookup.id) {
    throw new BadRequestError(messages.netsuiteAlreadyLatched(customerId, customer.netsuiteId));
  }

  const type = lookup.isPerson ? "Individual" : "Company";
  try {
    const latched = await latchNetsuiteId(deps.db, account.accountId, customerId, lookup.id, type);
    if (latched) return latched;
  } catch (error) {
    if (!isUniqueViolation(error, LINK_INDEXES.netsuiteId)) throw error;
    const holder = await findNetsuiteHolder(deps.db, account.accountId, lookup.id, customerId);
    throw new BadRequestError(messages.netsuiteCustomerTaken(lookup.id, holder));
  }
  // latched to another record (already, or by a concurrent request), or gone
  const current = await findCustomer(deps.db, account.accountId, customerId);
  if (!current) throw new CustomerNotFoundError(customerId);
  throw new BadRequestError(messages.netsuiteAlreadyLatched(customerId, current.netsuiteId ?? ""));
}

/** POST /v1/NetSuite/UnLatchCustomer: the link, synch status and customer type are cleared; NetSuite is not asked. */
export async function unlatchNetsuiteCustomer(
  deps: IntegrationDeps,
  account: AccountContext,
  customerId: number,
): Promise<CustomerRecord> {
  const customer = await unlatchNetsuite(deps.db, account.accountId, customerId);
  if (!customer) throw new CustomerNotFoundError(customerId);
  return customer;
}

/**
 * POST /v1/Netsuite/EnableSynch|DisableSynch/{id} (spec page 000): the status
 * only; pushing the customer belongs to the sync engine. With `latchTo` (a
 * netsuiteId in the EnableSynch body) the customer is latched to it first.
 */
export async function setNetsuiteSynch(
  deps: IntegrationDeps,
  account: AccountContext,
  customerId: number,
  status: SynchStatus,
  latchTo?: string,
): Promise<CustomerRecord> {
  if (latchTo !== undefined) await latchNetsuite(deps, account, customerId, latchTo);
  const updated = await setNetsuiteSynchStatus(deps.db, account.accountId, customerId, status);
  if (updated) return updated;
  const customer = await findCustomer(deps.db, account.accountId, customerId);
  if (!customer) throw new CustomerNotFoundError(customerId);
  throw new BadRequestError(messages.netsuiteNotLatched(customerId));
}
