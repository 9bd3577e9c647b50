import type { IntegrationDeps } from "../integrations/crm-connection.ts";
import type { CrmPusher } from "../integrations/crm-pusher.ts";
import { createHubSpotPusher } from "../integrations/hubspot/hubspot-pusher.ts";
import { createNetsuitePusher } from "../integrations/netsuite/netsuite-pusher.ts";
import { createSalesforcePusher } from "../integrations/salesforce/salesforce-pusher.ts";

/** The pushers a sync worker drains the outbox with: one per CRM, all sharing the worker's deps. */
export function createPushers(deps: IntegrationDeps): CrmPusher[] {
  return [createHubSpotPusher(deps), createSalesforcePusher(deps), createNetsuitePusher(deps)];
}
