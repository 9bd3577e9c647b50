import type { CustomerRecord } from "../../customers/customer-record.ts";
import { findCustomer } from "../../customers/customer-repository.ts";
import type { AccountContext } from "../../customers/customer-service.ts";
import { BadRequestError, CrmUnavailableError, CustomerNotFoundError } from "../../errors/api-error.ts";
import { messages } from "../../errors/messages.ts";
import { getCrmConnection, type IntegrationDeps } from "../crm-connection.ts";
import { isUniqueViolation, LINK_INDEXES } from "../unique-violation.ts";
import { type HubSpotLookup, hubSpotConnector } from "./hubspot-connector.ts";
import {
  findHubSpotLinkHolder,
  type HubSpotLinkColumn,
  type HubSpotLinks,
  setHubSpotLinks,
} from "./hubspot-link-repository.ts";

export interface HubSpotLatchInput extends HubSpotLinks {
  fusebillId: number;
}

/**
 * The id to store for a requested record: HubSpot's answer. After a merge
 * HubSpot answers an old id with the surviving record and its new id; we store
 * the new one (crm-apis.md §3.1), so the link keeps working.
 */
function verifiedId(lookup: HubSpotLookup, missing: string): number {
  switch (lookup.kind) {
    case "found":
      return lookup.record.id;
    case "not-found":
      throw new BadRequestError(missing);
    case "unavailable":
      throw new CrmUnavailableError(messages.crmUnavailable("HubSpot", lookup.reason));
  }
}

/**
 * POST /v1/HubSpot/latchCustomer: every id given is checked in HubSpot first;
 * nothing is written unless HubSpot answered. `null` removes a link and needs
 * no check; an absent key leaves the link as it is.
 */
export async function latchHubSpotCustomer(
  deps: IntegrationDeps,
  account: AccountContext,
  input: HubSpotLatchInput,
): Promise<CustomerRecord> {
  const customerId = input.fusebillId;
  const customer = await findCustomer(deps.db, account.accountId, customerId);
  if (!customer) throw new CustomerNotFoundError(customerId);

  if (input.hubSpotId === undefined && input.hubSpotCompanyId === undefined) return customer;
  const wantsContact = typeof input.hubSpotId === "number";
  const wantsCompany = typeof input.hubSpotCompanyId === "number";
  const links: HubSpotLinks = {};
  if (input.hubSpotId === null) links.hubSpotId = null;
  if (input.hubSpotCompanyId === null) links.hubSpotCompanyId = null;
  if (wantsContact || wantsCompany) {
    const connector = hubSpotConnector(deps, await getCrmConnection(deps, account.accountId, "hubspot"));
    const [contact, company] = await Promise.all([
      wantsContact ? connector.getContact(input.hubSpotId as number) : undefined,
      wantsCompany ? connector.getCompany(input.hubSpotCompanyId as number) : undefined,
    ]);
    if (contact) links.hubSpotId = verifiedId(contact, messages.hubSpotContactMissing);
    if (company) {
      links.hubSpotCompanyId = verifiedId(
        company,
        messages.hubSpotCompanyMissing(input.hubSpotCompanyId as number),
      );
    }
  }
  return writeLinks(deps, account.accountId, customerId, links);
}

/** POST /v1/HubSpot/UnlatchCustomer/{id}: both links removed, HubSpot not consulted. */
export async function unlatchHubSpotCustomer(
  deps: IntegrationDeps,
  account: AccountContext,
  customerId: number,
): Promise<CustomerRecord> {
  const customer = await setHubSpotLinks(deps.db, account.accountId, customerId, {
    hubSpotId: null,
    hubSpotCompanyId: null,
  });
  if (!customer) throw new CustomerNotFoundError(customerId);
  return customer;
}

async function writeLinks(
  deps: IntegrationDeps,
  accountId: number,
  customerId: number,
  links: HubSpotLinks,
): Promise<CustomerRecord> {
  try {
    const customer = await setHubSpotLinks(deps.db, accountId, customerId, links);
    if (!customer) throw new CustomerNotFoundError(customerId);
    return customer;
  } catch (error) {
    const column = (Object.keys(LINK_INDEXES) as (keyof typeof LINK_INDEXES)[]).find((name) =>
      isUniqueViolation(error, LINK_INDEXES[name]),
    );
    if (column !== "hubSpotId" && column !== "hubSpotCompanyId") throw error;
    throw await takenError(deps, accountId, customerId, column, links[column] as number);
  }
}

async function takenError(
  deps: IntegrationDeps,
  accountId: number,
  customerId: number,
  column: HubSpotLinkColumn,
  value: number,
): Promise<BadRequestError> {
  const holder = await findHubSpotLinkHolder(deps.db, accountId, column, value, customerId);
  return new BadRequestError(
    column === "hubSpotId"
      ? messages.hubSpotContactTaken(value, holder)
      : messages.hubSpotCompanyTaken(value, holder),
  );
}
