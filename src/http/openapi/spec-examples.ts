import {
  CustomerStatus,
  canChangeCurrency,
  endpointRefusalText,
  STATUS_ENDPOINTS,
} from "../../customers/status/status-rules.ts";
import { envelope } from "../../errors/api-error.ts";
import { messages } from "../../errors/messages.ts";
import {
  draftCustomer,
  hubspotCustomer,
  katelyn,
  netsuiteCustomer,
  salesforceCustomer,
} from "./spec-customers.ts";

/*
 * Examples for the document, taken from the spec pages (/work/shared/spec,
 * test/spec/examples.json) and fixtures/spec-examples.json, written in the
 * canonical form the schemas describe: the pages' relaxed JSON (unquoted keys,
 * `Status`, numbers for string fields) is accepted too, as the descriptions say.
 * Error texts come from src/errors/messages.ts, so they cannot drift.
 */

type Example = { summary?: string; value: unknown };
export interface OperationExamples {
  request?: Record<string, Example>;
  response?: Record<string, Example>;
  errors?: Record<number, Record<string, Example>>;
}

const error = (status: number, summary: string, text: string) => ({
  [status]: { [summary]: { value: envelope(status, text) } },
});

const one = (summary: string, value: unknown) => ({ example: { summary, value } });

const EXAMPLES: Record<string, OperationExamples> = {
  customersCreate: {
    request: one("The README's example (sent as relaxed JSON there)", {
      firstName: "John",
      lastName: "Smith",
      companyName: "Acme Inc.",
    }),
    response: one("A new Draft customer", draftCustomer),
  },
  customersGet: { response: one("Page 001's customer", salesforceCustomer) },
  customersList: { response: one("A page of one customer", [salesforceCustomer]) },
  customersReplace: {
    request: {
      curl: {
        summary: "Page 003's curl example (the page sends relaxed JSON and `Status`)",
        value: {
          id: 183365,
          title: "Mr",
          firstName: "John",
          lastName: "Smith",
          companyName: "Acme Inc.",
          status: CustomerStatus.Active,
        },
      },
      payload: {
        summary: "Page 003's payload block: a GET's answer PUT back (read-only fields are ignored)",
        value: katelyn,
      },
    },
    response: one("Page 003's answer", katelyn),
    errors: {
      ...error(400, "suspend", messages.cannotSuspend),
      ...error(409, "cancelled", messages.cancelledCannotBeModified(12000750)),
    },
  },
  customersActivate: {
    request: one("Activate", {
      customerId: 12717595,
      activateAllSubscriptions: true,
      activateAllDraftPurchases: true,
      temporarilyDisableAutoPost: false,
    }),
    response: one("The customer, Active", {
      ...draftCustomer,
      status: STATUS_ENDPOINTS.activate.to,
      canChangeCurrency: canChangeCurrency(STATUS_ENDPOINTS.activate.to),
    }),
  },
  customersUnhold: {
    request: one("Un-hold", { customerId: 172677, serviceStartOption: "ChargeForCurrentFullPeriod" }),
    response: one("The customer, Active again", salesforceCustomer),
  },
  customersCancel: {
    request: one("Cancel", { customerId: 172677, cancellationOption: "None" }),
    response: one("The customer, Cancelled", { ...salesforceCustomer, status: STATUS_ENDPOINTS.cancel.to }),
  },
  customersHold: {
    response: one("The customer, on Hold", { ...salesforceCustomer, status: STATUS_ENDPOINTS.hold.to }),
  },
  customersUncancel: { response: one("The customer, Active again", salesforceCustomer) },
  salesforceLatch: {
    request: {
      payload: {
        summary: "Page 002's payload block",
        value: { fusebillId: 12717595, salesforceId: "0014100000JJ3wt", forceLatch: true },
      },
      python: {
        summary: "Page 002's Python example (18-character id)",
        value: { fusebillId: 172677, salesforceId: "0014100000JJ3wtAAD" },
      },
    },
    response: one("Page 001's customer, latched", salesforceCustomer),
    errors: error(400, "missing", messages.salesforceAccountMissing("1")),
  },
  salesforceEnableSynch: { response: one("Page 001's answer", salesforceCustomer) },
  salesforceDisableSynch: {
    response: one("Sync disabled", { ...salesforceCustomer, salesforceSynchStatus: "Disabled" }),
  },
  netsuiteLatchCustomer: {
    request: one("Page 000's payload block (its netsuiteSyncStartDate is left unterminated)", {
      fusebillId: 93132,
      netsuiteId: "1744203",
      netsuiteSyncStartDate: null,
    }),
    response: one("Page 000's customer, latched", { ...netsuiteCustomer, netsuiteSynchStatus: null }),
    errors: error(400, "missing", messages.netsuiteAccountMissing("1")),
  },
  netsuiteUnlatchCustomer: {
    request: one("Unlatch", { fusebillId: 93132 }),
    response: one("Unlatched", { ...netsuiteCustomer, netsuiteId: null, netsuiteSynchStatus: null }),
  },
  netsuiteUnlatchCustomerById: {
    response: one("Unlatched", { ...netsuiteCustomer, netsuiteId: null, netsuiteSynchStatus: null }),
  },
  netsuiteEnableSynch: {
    request: {
      page: {
        summary: "Page 000's body, as meant (ignored: the path names the customer)",
        value: { fusebillId: 93132 },
      },
      latch: { summary: "Latch to a NetSuite record first", value: { netsuiteId: "1744203" } },
    },
    response: one("Page 000's answer", netsuiteCustomer),
    errors: error(400, "missing", messages.netsuiteAccountMissing("1")),
  },
  netsuiteDisableSynch: {
    response: one("Sync disabled", { ...netsuiteCustomer, netsuiteSynchStatus: "Disabled" }),
  },
  hubspotLatchCustomer: {
    request: {
      curl: {
        summary: "Page 004's curl example",
        value: { fusebillId: 123456789, hubSpotId: 101, hubSpotCompanyId: 202 },
      },
      unmap: {
        summary: "Remove the company mapping, keep the contact",
        value: { fusebillId: 2554529, hubSpotCompanyId: null },
      },
    },
    response: one("Page 004's answer", hubspotCustomer),
    errors: error(400, "contact", messages.hubSpotContactMissing),
  },
  hubspotUnlatchCustomer: {
    response: one("Unlatched", { ...hubspotCustomer, hubSpotId: null, hubSpotCompanyId: null }),
  },
  integrationsSave: {
    request: one("A HubSpot private-app token", {
      credentials: { accessToken: "pat-na1-00000000-0000-0000-0000-000000000000" },
    }),
  },
  syncReplay: {
    request: one("Replay HubSpot's dead letters", { crm: "hubspot" }),
    response: one("Replayed", { replayed: 3 }),
  },
};

/** One example per error status, for operations whose pages show none. */
const DEFAULT_ERRORS: Record<number, string> = {
  400: messages.authorizationFormat,
  401: messages.unauthorized,
  404: messages.customerNotFound(12),
  409: endpointRefusalText("hold", 172677, CustomerStatus.Draft),
  502: messages.crmUnavailable("The CRM", "no answer within 10000 ms"),
  503: messages.notReadyDatabase,
};

export function examplesFor(operationId: string): OperationExamples {
  const own = EXAMPLES[operationId] ?? {};
  const errors: Record<number, Record<string, Example>> = {};
  for (const [status, text] of Object.entries(DEFAULT_ERRORS)) {
    errors[Number(status)] = { example: { value: envelope(Number(status), text) } };
  }
  return { ...own, errors: { ...errors, ...own.errors } };
}
