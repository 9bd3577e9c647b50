/**
 * Generated from the server's OpenAPI document by `npm run sdk:generate`
 * (packages/sdk/scripts/generate.ts). Do not edit: regenerate.
 */

export interface paths {
  "/healthz": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Liveness probe
     * @description 200 while the process serves HTTP; never touches the database.
     */
    get: operations["operationsHealth"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/readyz": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Readiness probe
     * @description 200 when the database answers and has every migration of this version; 503 otherwise.
     */
    get: operations["operationsReady"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/customers": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List and query customers
     * @description The account's customers, a page at a time; paging in the X-* headers. Parameter names are case-insensitive.
     */
    get: operations["customersList"];
    /**
     * Replace a customer
     * @description Full replace (spec page 003): writable fields not sent become null; `id` and `status` are required. Read-only fields in the body are ignored, so a GET's answer can be PUT back as it is. Status changes, as the status endpoints make them: Draft to Active or Cancelled; Active to Hold or Cancelled; Hold to Active or Cancelled; Suspended to Cancelled (409 otherwise). Any PUT on a `Cancelled` customer: 409, uncancel it first. Setting `Draft`: 409, nobody returns to Draft. Setting `Suspended`: 400, the system alone suspends (spec page 003).
     */
    put: operations["customersReplace"];
    /**
     * Create a customer
     * @description Every field is optional. The new customer is Draft, Good, in the account's currency.
     */
    post: operations["customersCreate"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/customers/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a customer */
    get: operations["customersGet"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/customerActivation": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Activate a customer
     * @description Draft to Active. With `preview=true` it answers the customer as activation would leave it and saves nothing; otherwise the three booleans are required.
     */
    post: operations["customersActivate"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/CustomerHold/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Put a customer on hold
     * @description Active to Hold. Takes no body; any body is ignored.
     */
    post: operations["customersHold"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/customers/unHold": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Take a customer off hold
     * @description Hold to Active. `preview` may be sent in the body or the query.
     */
    post: operations["customersUnhold"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/customerCancellation": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Cancel a customer
     * @description Any status but Cancelled to Cancelled.
     */
    post: operations["customersCancel"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/customers/uncancel/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Un-cancel a customer
     * @description Cancelled to Active. Any body is ignored.
     */
    post: operations["customersUncancel"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/integrations/{crm}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Read a CRM connection
     * @description Where the account's calls to this CRM go: `configured`, the built-in `sandbox`, or `none`. `crm` is hubspot, salesforce or netsuite.
     */
    get: operations["integrationsGet"];
    /**
     * Configure a CRM connection
     * @description Stores the connection (credentials encrypted at rest) and its sync settings. HubSpot needs accessToken; Salesforce instanceUrl, clientId, clientSecret; NetSuite accountId, consumerKey, consumerSecret, tokenId, tokenSecret.
     */
    put: operations["integrationsSave"];
    post?: never;
    /**
     * Forget a CRM connection
     * @description The account falls back to the sandbox CRM (or to none when sandboxes are off).
     */
    delete: operations["integrationsDelete"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/HubSpot/latchCustomer": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Latch a customer to a HubSpot contact and company
     * @description Spec page 004. Each id given is checked in HubSpot, then latched; `null` removes a mapping, a key not sent leaves it. One customer per contact and per company.
     */
    post: operations["hubspotLatchCustomer"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/HubSpot/UnlatchCustomer/{customerId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Unlatch a customer from HubSpot
     * @description Removes both HubSpot links. Any body is ignored.
     */
    post: operations["hubspotUnlatchCustomer"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/Salesforce/Latch": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Latch a customer to a Salesforce Account
     * @description Spec page 002. Salesforce must confirm the Account (15 or 18 characters, prefix 001); the 18-character id is stored. A customer latched to another Account moves only with `forceLatch: true`.
     */
    post: operations["salesforceLatch"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/Salesforce/EnableSynch/{customerId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Enable Salesforce sync
     * @description Spec page 001. Sets salesforceSynchStatus to Enabled; the customer must be latched. Takes no body: an empty one, none, or one that does not parse are all ignored.
     */
    post: operations["salesforceEnableSynch"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/Salesforce/DisableSynch/{customerId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Disable Salesforce sync
     * @description Sets salesforceSynchStatus to Disabled; the customer must be latched. Any body is ignored.
     */
    post: operations["salesforceDisableSynch"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/NetSuite/LatchCustomer": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Latch a customer to a NetSuite customer
     * @description NetSuite must confirm the record (internal id, or `eid:{externalId}`); netsuiteCustomerType follows its isPerson. A customer latched elsewhere must be unlatched first.
     */
    post: operations["netsuiteLatchCustomer"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/NetSuite/UnLatchCustomer": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Unlatch a customer from NetSuite
     * @description Removes the link and its synch status.
     */
    post: operations["netsuiteUnlatchCustomer"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/NetSuite/UnLatchCustomer/{customerId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Unlatch a customer from NetSuite (id in the path)
     * @description The path form of NetSuite/UnLatchCustomer. Any body is ignored.
     */
    post: operations["netsuiteUnlatchCustomerById"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/Netsuite/EnableSynch/{customerId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Enable NetSuite sync
     * @description Spec page 000. Sets netsuiteSynchStatus to Enabled. The body is optional and never an error: one that parses and carries netsuiteId latches to that record first; any other body (such as the page's `{fusebillId:{customerId}'}`) is ignored.
     */
    post: operations["netsuiteEnableSynch"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/Netsuite/DisableSynch/{customerId}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Disable NetSuite sync
     * @description Sets netsuiteSynchStatus to Disabled. Any body is ignored.
     */
    post: operations["netsuiteDisableSynch"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/customers/{id}/sync": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A customer's sync state per CRM
     * @description Per CRM: the link, what waits in the outbox and the last push. The CRM is up to date when pending and dead are false and lastPushedVersion equals version.
     */
    get: operations["syncGetCustomer"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/sync": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The account's sync queue per CRM */
    get: operations["syncGetAccount"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/v1/sync/replay": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Replay dead-lettered pushes
     * @description Puts the account's dead letters of one CRM (`crm` in the body or the query), or of every CRM, back in the queue. An unknown CRM or a body that is not JSON is a 400 and replays nothing.
     */
    post: operations["syncReplay"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/metrics": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Prometheus metrics
     * @description Sync queue sizes and push outcomes per CRM, and HTTP request durations, in Prometheus' text format.
     */
    get: operations["operationsMetrics"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /** @description Fusebill's error envelope: every error has this shape. */
    ErrorEnvelope: {
      /** @description Always 0. */
      ErrorId: number;
      /** @description The response's HTTP status, repeated. */
      HttpStatusCode: number;
      Errors: {
        /** @description Always "Api Error". */
        Key: string;
        /** @description What went wrong, in Fusebill's words where the spec gives them. */
        Value: string;
      }[];
    };
    CustomerCreate: {
      firstName?: string | null;
      middleName?: string | null;
      lastName?: string | null;
      companyName?: string | null;
      suffix?: string | null;
      primaryEmail?: string | null;
      primaryPhone?: string | null;
      secondaryEmail?: string | null;
      secondaryPhone?: string | null;
      /** @enum {string|null} */
      title?: "Mr" | "Mrs" | "Ms" | "Miss" | "Dr" | "" | null;
      reference?: string | null;
      /** @enum {string|null} */
      currency?:
        | "AUD"
        | "BRL"
        | "GBP"
        | "CAD"
        | "COP"
        | "DKK"
        | "EUR"
        | "HKD"
        | "INR"
        | "ILS"
        | "JPY"
        | "MYR"
        | "MXN"
        | "NZD"
        | "NOK"
        | "CNY"
        | "RUB"
        | "SGD"
        | "ZAR"
        | "KRW"
        | "SEK"
        | "CHF"
        | "TRY"
        | "USD"
        | null;
      customerReference?: {
        reference1?: string | null;
        reference2?: string | null;
        reference3?: string | null;
        salesTrackingCodes?:
          | {
              type: string | null;
              code: string | null;
            }[]
          | null;
      } | null;
      customerAcquisition?: {
        adContent?: string | null;
        campaign?: string | null;
        keyword?: string | null;
        landingPage?: string | null;
        medium?: string | null;
        source?: string | null;
      } | null;
      parentId?: number | null;
      /** @enum {string|null} */
      quickBooksLatchType?: "CreateNew" | "LatchExisting" | "DoNothing" | null;
      quickBooksId?: number | null;
      /** @enum {string|null} */
      status?: "Draft" | "Active" | "Hold" | "Suspended" | "Cancelled" | null;
    };
    Customer: {
      firstName: string | null;
      middleName: string | null;
      lastName: string | null;
      companyName: string | null;
      suffix: string | null;
      primaryEmail: string | null;
      primaryPhone: string | null;
      secondaryEmail: string | null;
      secondaryPhone: string | null;
      title: string;
      reference: string | null;
      status: string;
      customerAccountStatus: string;
      currency: string;
      canChangeCurrency: boolean;
      customerReference: {
        reference1: string | null;
        reference2: string | null;
        reference3: string | null;
        salesTrackingCodes: {
          type: string | null;
          code: string | null;
        }[];
        id: number;
        uri: string;
      };
      customerAcquisition: {
        adContent: string | null;
        campaign: string | null;
        keyword: string | null;
        landingPage: string | null;
        medium: string | null;
        source: string | null;
        id: number;
        uri: string;
      };
      monthlyRecurringRevenue: number;
      netMonthlyRecurringRevenue: number;
      salesforceId: string | null;
      salesforceAccountType: string | null;
      salesforceSynchStatus: string | null;
      netsuiteId: string | null;
      netsuiteSynchStatus: string | null;
      netsuiteCustomerType: string;
      portalUserName: string | null;
      parentId: number | null;
      isParent: boolean;
      quickBooksLatchType: string | null;
      quickBooksId: number | null;
      quickBooksSyncToken: number | null;
      hubSpotId: number | null;
      hubSpotCompanyId: number | null;
      geotabId: string | null;
      digitalRiverId: string | null;
      modifiedTimestamp: string;
      createdTimestamp: string;
      requiresProjectedInvoiceGeneration: boolean;
      requiresFinancialCalendarGeneration: boolean;
      id: number;
      uri: string;
    };
    CustomerReplace: {
      firstName?: string | null;
      middleName?: string | null;
      lastName?: string | null;
      companyName?: string | null;
      suffix?: string | null;
      primaryEmail?: string | null;
      primaryPhone?: string | null;
      secondaryEmail?: string | null;
      secondaryPhone?: string | null;
      /** @enum {string|null} */
      title?: "Mr" | "Mrs" | "Ms" | "Miss" | "Dr" | "" | null;
      reference?: string | null;
      /** @enum {string|null} */
      currency?:
        | "AUD"
        | "BRL"
        | "GBP"
        | "CAD"
        | "COP"
        | "DKK"
        | "EUR"
        | "HKD"
        | "INR"
        | "ILS"
        | "JPY"
        | "MYR"
        | "MXN"
        | "NZD"
        | "NOK"
        | "CNY"
        | "RUB"
        | "SGD"
        | "ZAR"
        | "KRW"
        | "SEK"
        | "CHF"
        | "TRY"
        | "USD"
        | null;
      customerReference?: {
        reference1?: string | null;
        reference2?: string | null;
        reference3?: string | null;
        salesTrackingCodes?:
          | {
              type: string | null;
              code: string | null;
            }[]
          | null;
      } | null;
      customerAcquisition?: {
        adContent?: string | null;
        campaign?: string | null;
        keyword?: string | null;
        landingPage?: string | null;
        medium?: string | null;
        source?: string | null;
      } | null;
      parentId?: number | null;
      /** @enum {string|null} */
      quickBooksLatchType?: "CreateNew" | "LatchExisting" | "DoNothing" | null;
      quickBooksId?: number | null;
      /** @enum {string} */
      status: "Draft" | "Active" | "Hold" | "Suspended" | "Cancelled";
      id: number;
    };
    CustomerActivation: {
      customerId: number;
      activateAllSubscriptions?: boolean;
      activateAllDraftPurchases?: boolean;
      temporarilyDisableAutoPost?: boolean;
    };
    CustomerUnhold: {
      customerId: number;
      /** @enum {string} */
      serviceStartOption:
        | "ChargeForAllMissedPeriods"
        | "ChargeForLastMissedPeriods"
        | "NoChargesForMissedPeriods"
        | "ChargeForCurrentFullPeriod";
      preview?: boolean;
      showZeroDollarCharges?: boolean;
      temporarilyDisableAutoPost?: boolean;
    };
    CustomerCancellation: {
      customerId: number;
      /** @enum {string} */
      cancellationOption: "None" | "Unearned" | "Full";
    };
    Connection: {
      /** @enum {string} */
      crm: "salesforce" | "hubspot" | "netsuite";
      /**
       * @description The account's mode: `test` falls back to the built-in sandbox CRM until one is configured; `live` never does, and may call only public https hosts.
       * @enum {string}
       */
      mode: "test" | "live";
      /**
       * @description `configured` (stored by PUT), `sandbox` (the built-in fallback of a test account) or `none` (a live account, or sandboxes off).
       * @enum {string}
       */
      source: "configured" | "sandbox" | "none";
      baseUrl: string | null;
      /** @description Which credentials are stored; their values are never returned. */
      credentialFields: string[];
      settings: {
        [key: string]: unknown;
      };
      createdTimestamp: string | null;
      modifiedTimestamp: string | null;
      /** @description `failing` once the CRM refused the credentials during sync. */
      health: {
        /** @enum {string} */
        status: "ok" | "failing";
        lastError: string | null;
        failedAt: string | null;
        /** @description When the worker tries a failing sandbox connection again; null for configured ones (they wait for a PUT). */
        nextProbeAt: string | null;
      };
    };
    IntegrationsSaveRequest: {
      baseUrl?: string;
      credentials: {
        accessToken?: string;
        instanceUrl?: string;
        clientId?: string;
        clientSecret?: string;
        accountId?: string;
        consumerKey?: string;
        consumerSecret?: string;
        tokenId?: string;
        tokenSecret?: string;
      };
      settings?: {
        timeoutMs?: number;
        rateLimit?: {
          requests: number;
          perMs: number;
          burst?: number;
        };
        apiUsageShare?: number;
        apiVersion?: string;
        fusebillIdField?: string;
        concurrency?: number;
      };
    };
    HubspotLatchCustomerRequest: {
      fusebillId: number;
      hubSpotId?: number | null;
      hubSpotCompanyId?: number | null;
    };
    SalesforceLatchRequest: {
      fusebillId: number;
      salesforceId: string;
      forceLatch?: boolean | null;
    };
    NetsuiteLatchCustomerRequest: {
      fusebillId: number;
      netsuiteId: string;
      netsuiteSyncStartDate?: string | null;
    };
    NetsuiteUnlatchCustomerRequest: {
      fusebillId: number;
    };
    NetsuiteEnableSynchRequest: {
      /** @description Ignored: the path names the customer. */
      fusebillId?: number;
      /** @description When given, the customer is latched to this NetSuite record first. */
      netsuiteId?: string | number;
    };
    CrmSyncState: {
      linkedId: string | null;
      linkedCompanyId?: string | null;
      syncStatus: string | null;
      syncEnabled: boolean;
      pending: boolean;
      dead: boolean;
      version: number;
      attempts: number;
      lastError: string | null;
      enqueuedAt: string | null;
      availableAt: string | null;
      lastPushedVersion: number | null;
      lastPushedAt: string | null;
      connection: {
        /** @enum {string} */
        status: "ok" | "failing";
        lastError: string | null;
        failedAt: string | null;
        nextProbeAt: string | null;
      };
    };
    CustomerSync: {
      customerId: number;
      salesforce: components["schemas"]["CrmSyncState"];
      netsuite: components["schemas"]["CrmSyncState"];
      hubspot: components["schemas"]["CrmSyncState"];
    };
    CrmQueueStats: {
      pending: number;
      dead: number;
      oldestPendingSeconds: number;
      connection: {
        /** @enum {string} */
        status: "ok" | "failing";
        lastError: string | null;
        failedAt: string | null;
        nextProbeAt: string | null;
      };
    };
    AccountSync: {
      salesforce: components["schemas"]["CrmQueueStats"];
      netsuite: components["schemas"]["CrmQueueStats"];
      hubspot: components["schemas"]["CrmQueueStats"];
    };
    SyncReplayResult: {
      replayed: number;
    };
    SyncReplayRequest: {
      /** @enum {string} */
      crm?: "salesforce" | "hubspot" | "netsuite";
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  operationsHealth: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The process is alive. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @enum {string} */
            status: "ok";
          };
        };
      };
    };
  };
  operationsReady: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Ready to serve the API. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @enum {string} */
            status: "ready";
          };
        };
      };
      /** @description Not ready: the database does not answer, or its schema is not migrated to this version. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
    };
  };
  customersList: {
    parameters: {
      query?: {
        /**
         * @description Filters: `name:value` joined by `;` (AND); `*` wildcard, `,` OR, `from|to` range, `[empty]` for unset. Names (case-insensitive): id, status, customerAccountStatus, title, currency, salesforceAccountType, salesforceSynchStatus, netsuiteSynchStatus, netsuiteCustomerType, quickBooksLatchType, firstName, middleName, lastName, companyName, suffix, primaryEmail, primaryPhone, secondaryEmail, secondaryPhone, reference, salesforceId, netsuiteId, portalUserName, geotabId, digitalRiverId, customerReference.reference1, customerReference.reference2, customerReference.reference3, customerAcquisition.adContent, customerAcquisition.campaign, customerAcquisition.keyword, customerAcquisition.landingPage, customerAcquisition.medium, customerAcquisition.source, parentId, quickBooksId, quickBooksSyncToken, hubSpotId, hubSpotCompanyId, monthlyRecurringRevenue, netMonthlyRecurringRevenue, createdTimestamp, modifiedTimestamp.
         * @example lastName:Sm*;status:Active,Draft;createdTimestamp:2024-01-01|
         */
        query?: string;
        /** @description Customers per page. */
        pageSize?: number;
        /** @description 0-based page index. */
        pageNumber?: number;
        /** @description Given together with sortExpression. */
        sortOrder?: "Ascending" | "Descending";
        /** @description The field to sort by (case-insensitive), given together with sortOrder. */
        sortExpression?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of customers. */
      200: {
        headers: {
          /** @description Customers matching the query, on all pages. */
          "X-Count"?: number;
          /** @description All the account's customers, whatever the query. */
          "X-MaxCount"?: number;
          /** @description This page's index (0-based). */
          "X-CurrentPage"?: number;
          /** @description The previous page's index, -1 on the first page. */
          "X-PreviousPage"?: number;
          /** @description The next page's index, -1 on the last page. */
          "X-NextPage"?: number;
          /** @description The page size in force. */
          "X-PageSize"?: number;
          /** @description The last page's index. */
          "X-MaxPageIndex"?: number;
          /** @description Ascending or Descending. */
          "X-SortOrder"?: string;
          /** @description The field sorted by. */
          "X-SortExpression"?: string;
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Customer"][];
        };
      };
      /** @description The request is invalid: a field is missing, too long or of the wrong type, the body is not JSON, a CRM record does not exist, or a rule refuses it. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description No API key, or an unknown one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
    };
  };
  customersReplace: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["CustomerReplace"];
      };
    };
    responses: {
      /** @description The customer as replaced. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Customer"];
        };
      };
      /** @description The request is invalid: a field is missing, too long or of the wrong type, the body is not JSON, a CRM record does not exist, or a rule refuses it. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description No API key, or an unknown one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description The customer (or route) does not exist in this account. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description The customer's status does not allow the change. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
    };
  };
  customersCreate: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["CustomerCreate"];
      };
    };
    responses: {
      /** @description The new customer. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Customer"];
        };
      };
      /** @description The request is invalid: a field is missing, too long or of the wrong type, the body is not JSON, a CRM record does not exist, or a rule refuses it. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description No API key, or an unknown one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
    };
  };
  customersGet: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The customer. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Customer"];
        };
      };
      /** @description The request is invalid: a field is missing, too long or of the wrong type, the body is not JSON, a CRM record does not exist, or a rule refuses it. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description No API key, or an unknown one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description The customer (or route) does not exist in this account. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
    };
  };
  customersActivate: {
    parameters: {
      query?: {
        preview?: boolean;
        showZeroDollarCharges?: boolean;
        view?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["CustomerActivation"];
      };
    };
    responses: {
      /** @description The customer after the change. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Customer"];
        };
      };
      /** @description The request is invalid: a field is missing, too long or of the wrong type, the body is not JSON, a CRM record does not exist, or a rule refuses it. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description No API key, or an unknown one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description The customer (or route) does not exist in this account. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description The customer's status does not allow the change. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
    };
  };
  customersHold: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The customer after the change. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Customer"];
        };
      };
      /** @description The request is invalid: a field is missing, too long or of the wrong type, the body is not JSON, a CRM record does not exist, or a rule refuses it. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description No API key, or an unknown one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description The customer (or route) does not exist in this account. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description The customer's status does not allow the change. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
    };
  };
  customersUnhold: {
    parameters: {
      query?: {
        preview?: boolean;
        showZeroDollarCharges?: boolean;
        view?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["CustomerUnhold"];
      };
    };
    responses: {
      /** @description The customer after the change. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Customer"];
        };
      };
      /** @description The request is invalid: a field is missing, too long or of the wrong type, the body is not JSON, a CRM record does not exist, or a rule refuses it. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description No API key, or an unknown one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description The customer (or route) does not exist in this account. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description The customer's status does not allow the change. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
    };
  };
  customersCancel: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["CustomerCancellation"];
      };
    };
    responses: {
      /** @description The customer after the change. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Customer"];
        };
      };
      /** @description The request is invalid: a field is missing, too long or of the wrong type, the body is not JSON, a CRM record does not exist, or a rule refuses it. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description No API key, or an unknown one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description The customer (or route) does not exist in this account. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description The customer's status does not allow the change. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
    };
  };
  customersUncancel: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The customer after the change. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Customer"];
        };
      };
      /** @description The request is invalid: a field is missing, too long or of the wrong type, the body is not JSON, a CRM record does not exist, or a rule refuses it. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description No API key, or an unknown one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description The customer (or route) does not exist in this account. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description The customer's status does not allow the change. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
    };
  };
  integrationsGet: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        crm: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The connection as it now stands (never a secret). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Connection"];
        };
      };
      /** @description The request is invalid: a field is missing, too long or of the wrong type, the body is not JSON, a CRM record does not exist, or a rule refuses it. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description No API key, or an unknown one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description The customer (or route) does not exist in this account. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
    };
  };
  integrationsSave: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        crm: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["IntegrationsSaveRequest"];
      };
    };
    responses: {
      /** @description The connection as it now stands (never a secret). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Connection"];
        };
      };
      /** @description The request is invalid: a field is missing, too long or of the wrong type, the body is not JSON, a CRM record does not exist, or a rule refuses it. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description No API key, or an unknown one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description The customer (or route) does not exist in this account. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
    };
  };
  integrationsDelete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        crm: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The connection as it now stands (never a secret). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Connection"];
        };
      };
      /** @description The request is invalid: a field is missing, too long or of the wrong type, the body is not JSON, a CRM record does not exist, or a rule refuses it. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description No API key, or an unknown one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description The customer (or route) does not exist in this account. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
    };
  };
  hubspotLatchCustomer: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["HubspotLatchCustomerRequest"];
      };
    };
    responses: {
      /** @description The customer, latched. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Customer"];
        };
      };
      /** @description The request is invalid: a field is missing, too long or of the wrong type, the body is not JSON, a CRM record does not exist, or a rule refuses it. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description No API key, or an unknown one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description The customer (or route) does not exist in this account. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description The CRM could not be reached or did not answer usably; nothing was changed. */
      502: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
    };
  };
  hubspotUnlatchCustomer: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        customerId: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The customer, unlatched. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Customer"];
        };
      };
      /** @description The request is invalid: a field is missing, too long or of the wrong type, the body is not JSON, a CRM record does not exist, or a rule refuses it. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description No API key, or an unknown one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description The customer (or route) does not exist in this account. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
    };
  };
  salesforceLatch: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["SalesforceLatchRequest"];
      };
    };
    responses: {
      /** @description The customer, latched. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Customer"];
        };
      };
      /** @description The request is invalid: a field is missing, too long or of the wrong type, the body is not JSON, a CRM record does not exist, or a rule refuses it. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description No API key, or an unknown one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description The customer (or route) does not exist in this account. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description The CRM could not be reached or did not answer usably; nothing was changed. */
      502: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
    };
  };
  salesforceEnableSynch: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        customerId: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The customer, with salesforceSynchStatus Enabled. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Customer"];
        };
      };
      /** @description The request is invalid: a field is missing, too long or of the wrong type, the body is not JSON, a CRM record does not exist, or a rule refuses it. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description No API key, or an unknown one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description The customer (or route) does not exist in this account. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
    };
  };
  salesforceDisableSynch: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        customerId: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The customer, with salesforceSynchStatus Disabled. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Customer"];
        };
      };
      /** @description The request is invalid: a field is missing, too long or of the wrong type, the body is not JSON, a CRM record does not exist, or a rule refuses it. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description No API key, or an unknown one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description The customer (or route) does not exist in this account. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
    };
  };
  netsuiteLatchCustomer: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["NetsuiteLatchCustomerRequest"];
      };
    };
    responses: {
      /** @description The customer, latched. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Customer"];
        };
      };
      /** @description The request is invalid: a field is missing, too long or of the wrong type, the body is not JSON, a CRM record does not exist, or a rule refuses it. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description No API key, or an unknown one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description The customer (or route) does not exist in this account. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description The CRM could not be reached or did not answer usably; nothing was changed. */
      502: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
    };
  };
  netsuiteUnlatchCustomer: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["NetsuiteUnlatchCustomerRequest"];
      };
    };
    responses: {
      /** @description The customer, unlatched. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Customer"];
        };
      };
      /** @description The request is invalid: a field is missing, too long or of the wrong type, the body is not JSON, a CRM record does not exist, or a rule refuses it. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description No API key, or an unknown one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description The customer (or route) does not exist in this account. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
    };
  };
  netsuiteUnlatchCustomerById: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        customerId: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The customer, unlatched. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Customer"];
        };
      };
      /** @description The request is invalid: a field is missing, too long or of the wrong type, the body is not JSON, a CRM record does not exist, or a rule refuses it. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description No API key, or an unknown one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description The customer (or route) does not exist in this account. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
    };
  };
  netsuiteEnableSynch: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        customerId: number;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        "application/json": components["schemas"]["NetsuiteEnableSynchRequest"];
      };
    };
    responses: {
      /** @description The customer, with netsuiteSynchStatus Enabled. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Customer"];
        };
      };
      /** @description The request is invalid: a field is missing, too long or of the wrong type, the body is not JSON, a CRM record does not exist, or a rule refuses it. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description No API key, or an unknown one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description The customer (or route) does not exist in this account. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description The CRM could not be reached or did not answer usably; nothing was changed. */
      502: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
    };
  };
  netsuiteDisableSynch: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        customerId: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The customer, with netsuiteSynchStatus Disabled. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["Customer"];
        };
      };
      /** @description The request is invalid: a field is missing, too long or of the wrong type, the body is not JSON, a CRM record does not exist, or a rule refuses it. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description No API key, or an unknown one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description The customer (or route) does not exist in this account. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
    };
  };
  syncGetCustomer: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The customer's sync state. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["CustomerSync"];
        };
      };
      /** @description The request is invalid: a field is missing, too long or of the wrong type, the body is not JSON, a CRM record does not exist, or a rule refuses it. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description No API key, or an unknown one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description The customer (or route) does not exist in this account. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
    };
  };
  syncGetAccount: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Pending and dead-lettered pushes per CRM. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["AccountSync"];
        };
      };
      /** @description The request is invalid: a field is missing, too long or of the wrong type, the body is not JSON, a CRM record does not exist, or a rule refuses it. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description No API key, or an unknown one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
    };
  };
  syncReplay: {
    parameters: {
      query?: {
        crm?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        "application/json": components["schemas"]["SyncReplayRequest"];
      };
    };
    responses: {
      /** @description How many pushes were put back in the queue. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["SyncReplayResult"];
        };
      };
      /** @description The request is invalid: a field is missing, too long or of the wrong type, the body is not JSON, a CRM record does not exist, or a rule refuses it. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
      /** @description No API key, or an unknown one. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["ErrorEnvelope"];
        };
      };
    };
  };
  operationsMetrics: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Prometheus text exposition format. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "text/plain": string;
        };
      };
    };
  };
}
