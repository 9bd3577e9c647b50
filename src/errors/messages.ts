/**
 * Every error text the spec pages and Fusebill's error reference show, verbatim
 * (typos included: "The was an error …" is what Fusebill returns). Tests assert
 * these exact strings; texts of our own live here too so that one file holds them all.
 */
export const messages = {
  // spec pages 001/003 and Fusebill's errors reference
  customerNotFound: (id: number | string) => `Customer with id ${id} not found.`,
  cannotSuspend: "Cannot manually suspend customer, the system is in charge of suspending customers.",
  authorizationFormat: "Authorization key is not in the correct format.",
  salesforceAccountMissing: (id: string) => `Salesforce Account ${id} does not exist.`,
  netsuiteAccountMissing: (id: string) => `NetSuite Account ${id} does not exist.`,
  hubSpotContactMissing: "The was an error getting the contact from HubSpot: resource not found",

  // ours
  unauthorized:
    "Missing or invalid authorization. Send 'Authorization: Basic {APIKey}' with an API key of this service.",
  routeNotFound: (method: string, url: string) => `No resource matches ${method} ${url}.`,
  bodyRequired: "A JSON request body is required.",
  bodyNotJson: (detail: string) => `The request body is not valid JSON: ${detail}`,
  bodyTooLarge: (limit: number) => `The request body is larger than the ${limit} bytes allowed.`,
  bodyTooDeep: (limit: number) => `The request body nests objects and arrays more than ${limit} levels deep.`,
  nulCharacter: (field: string) => `${field} contains a NUL character (\\u0000), which cannot be stored.`,
  unsupportedMediaType: (type: string) => `Content-Type '${type}' is not supported: send application/json.`,
  bodyNotUtf8: "The request body is not valid UTF-8: send JSON encoded as UTF-8.",
  numberNotFinite: (field: string, value: number) =>
    `${field} is not a finite number (it reads as ${value}): numbers beyond ±1.7976931348623157e308, NaN and Infinity cannot be stored.`,
  methodNotAllowed: (method: string, allowed: readonly string[]) =>
    `The ${method} method is not supported: this server is not a proxy; the API answers ${allowed.join(", ")}.`,
  // the HTTP layer: malformed URLs, limits and timeouts
  badUrl: (path: string) =>
    `The path '${path}' is not a valid URL: a '%' must start an escape such as %20, and escapes must decode to UTF-8.`,
  pathParameterTooLong: (path: string) =>
    `The path '${path}' holds a segment longer than the 100 characters a path parameter may have.`,
  nulCharacterInUrl: (name: string) =>
    `${name} contains a NUL character (%00), which cannot be stored or searched for.`,
  rateLimitExceeded: (window: string, limit: number, resetSeconds: number) =>
    `API rate limit exceeded: this account may make ${limit} requests per ${window}; try again in ${resetSeconds} s.`,
  requestTimeout: "The request was not received completely in time; the connection is closed.",
  headersTooLarge: "The request headers are larger than the server accepts.",
  malformedRequest: "The request is not valid HTTP/1.1.",
  cancelledCannotBeModified: (id: number) =>
    `Customer ${id} is Cancelled and cannot be modified; uncancel it first (POST /v1/customers/uncancel/${id}).`,
  cannotReturnToDraft: (id: number) =>
    `Customer ${id} has been activated and cannot be put back into Draft status.`,
  statusTransitionNotAllowed: (id: number, from: string, to: string) =>
    `Customer ${id} cannot go from ${from} to ${to} with PUT; use the customer status endpoints.`,
  currencyLocked: (id: number, from: string, to: string) =>
    `Customer ${id} cannot change currency from ${from} to ${to}: the currency can only be changed while canChangeCurrency is true (Draft customers).`,
  currencyNotEnabled: (code: string, enabled: readonly string[]) =>
    `Currency '${code}' is not enabled; use one of ${enabled.join(", ")}.`,
  parentNotFound: (parentId: number) => `Parent customer with id ${parentId} not found.`,
  parentIsSelf: (id: number) => `Customer ${id} cannot be its own parent.`,
  parentCycle: (id: number, parentId: number) =>
    `Customer ${parentId} cannot be the parent of customer ${id}: ${parentId} is already a descendant of ${id}.`,
  wrongStatus: (id: number, action: string, status: string, required: string) =>
    `Cannot ${action} customer ${id}: its status is ${status}, and ${action} requires a customer in ${required} status.`,
  alreadyCancelled: (id: number) => `Cannot cancel customer ${id}: it is already Cancelled.`,
  requiredUnlessPreview: (field: string) => `${field} is required unless preview=true.`,
  portalUserNameTaken: (name: string) => `Portal user name '${name}' is already in use.`,
  invalidQuery: (detail: string) => `Invalid query: ${detail}`,

  // GET /v1/customers (list, query, paging, sorting)
  listMalformedCondition: (condition: string) =>
    `Invalid query: '${condition}' is not a condition of the form name:value (join conditions with ';').`,
  listUnknownFilter: (name: string, allowed: readonly string[]) =>
    `Invalid query: '${name}' is not a filter of customers; use one of ${allowed.join(", ")} (names are case-insensitive).`,
  listMissingValue: (name: string) =>
    `Invalid query: filter '${name}' has no value; use [empty] to match customers where it is not set.`,
  listBadEnumValue: (name: string, value: string, allowed: readonly string[]) =>
    `Invalid query: filter '${name}' does not accept '${value}'; use one of ${allowed.join(", ")} or [empty] (several separated by ',').`,
  listBadInteger: (name: string, value: string) =>
    `Invalid query: filter '${name}' does not accept '${value}'; use an integer, several separated by ',', a range from|to (either side may be empty) or [empty].`,
  listBadDecimal: (name: string, value: string) =>
    `Invalid query: filter '${name}' does not accept '${value}'; use a number such as 50.00 or a range from|to (either side may be empty).`,
  listBadTimestamp: (name: string, value: string) =>
    `Invalid query: filter '${name}' does not accept '${value}'; use a UTC date YYYY-MM-DD or date-time YYYY-MM-DDThh:mm:ss, or a range from|to (either side may be empty).`,
  listBadId: (name: string, value: string, max: number) =>
    `Invalid query: filter '${name}' does not accept '${value}'; use ids from 1 to ${max}, several separated by ',', a range from|to (either side may be empty) or [empty].`,
  listPageSize: (value: string, max: number) =>
    `pageSize must be an integer from 1 to ${max}; '${value}' is not.`,
  listPageNumber: (value: string) => `pageNumber must be an integer of 0 or more; '${value}' is not.`,
  listSortPair: "sortOrder and sortExpression must be given together.",
  listSortOrder: (value: string) => `sortOrder must be Ascending or Descending; '${value}' is neither.`,
  listSortExpression: (value: string, allowed: readonly string[]) =>
    `sortExpression '${value}' is not a sortable name; use one of ${allowed.join(", ")} (names are case-insensitive).`,

  // CRM connections (/v1/integrations/{crm}) and CRM calls
  crmUnknown: (name: string) =>
    `There is no CRM integration named '${name}'; use salesforce, hubspot or netsuite.`,
  crmCredentialMissing: (crm: string, field: string, required: readonly string[]) =>
    `credentials.${field} is required for ${crm}; a ${crm} connection needs ${required.join(", ")}.`,
  crmBaseUrlInvalid: (value: string) => `baseUrl must be an absolute http(s) URL; '${value}' is not.`,
  crmNotConnected: (label: string, crm: string) =>
    `${label} is not connected for this account and the sandbox CRMs are off; configure it with PUT /v1/integrations/${crm}.`,
  crmNotConnectedLive: (label: string, crm: string) =>
    `${label} is not connected for this account, which is in live mode: live accounts never use the sandbox CRMs. Configure it with PUT /v1/integrations/${crm}, or use a test account to try the sandbox.`,
  outboundUrlRefused: (field: string, value: string, reason: string) =>
    `${field} '${value}' is not allowed for a live account: ${reason}. Live accounts may call only https URLs on public addresses; the operator can allow a host with LATCHWORK_OUTBOUND_ALLOW.`,
  crmUnavailable: (label: string, reason: string) =>
    `${label} could not be reached (${reason}); nothing was changed. Try again later.`,
  /** The reason (in crmUnavailable, crmPushFailed) when whatever answers at a CRM's base URL is not the CRM. */
  crmAnswerUnexpected: (status: number, problem: string) => `unexpected answer: HTTP ${status} ${problem}`,

  // HubSpot latching (spec page 004 gives only the contact text above)
  hubSpotCompanyMissing: (id: number) => `HubSpot company ${id} does not exist.`,
  hubSpotContactTaken: (vid: number, holder: number | undefined) =>
    `HubSpot contact ${vid} is already latched to ${holder === undefined ? "another customer" : `customer ${holder}`}; unlatch it there first.`,
  hubSpotCompanyTaken: (id: number, holder: number | undefined) =>
    `HubSpot company ${id} is already latched to ${holder === undefined ? "another customer" : `customer ${holder}`}; unlatch it there first.`,

  // Salesforce and NetSuite latching (pages 000/002 give only the "does not exist" texts above)
  salesforceAlreadyLatched: (customerId: number, current: string) =>
    `Customer ${customerId} is already latched to Salesforce Account ${current}; send forceLatch: true to latch it to another Account.`,
  salesforceAccountTaken: (id: string, holder: number | undefined) =>
    `Salesforce Account ${id} is already latched to ${holder === undefined ? "another customer" : `customer ${holder}`}; a Salesforce Account can be latched to one customer only.`,
  salesforceNotLatched: (customerId: number) =>
    `Customer ${customerId} is not latched to a Salesforce Account; latch it first with POST /v1/Salesforce/Latch.`,
  netsuiteAlreadyLatched: (customerId: number, current: string) =>
    `Customer ${customerId} is already latched to NetSuite customer ${current}; unlatch it first with POST /v1/NetSuite/UnLatchCustomer.`,
  netsuiteCustomerTaken: (id: string, holder: number | undefined) =>
    `NetSuite customer ${id} is already latched to ${holder === undefined ? "another customer" : `customer ${holder}`}; a NetSuite customer can be latched to one customer only.`,
  netsuiteNotLatched: (customerId: number) =>
    `Customer ${customerId} is not latched to a NetSuite customer; latch it first with POST /v1/NetSuite/LatchCustomer, or send netsuiteId in the EnableSynch body.`,
  // sync pushes (stored as an outbox row's last error, shown by the sync endpoints)
  crmPushFailed: (label: string, reason: string) => `${label} push failed: ${reason}.`,
  crmPushThrottled: (label: string, waitMs: number) =>
    `${label} rate limit of this connection is spent; the push waits ${Math.ceil(waitMs / 1000)} s.`,
  hubSpotRecordRejected: (kind: "contact" | "company", id: number | string, reason: string) =>
    `HubSpot refused the update of ${kind} ${id} (400): ${reason}; it is sent again with the customer's next change or a replay.`,
  crmCredentialsRefused: (label: string, reason: string) =>
    `${label} refused the connection's credentials: ${reason}. Its pushes wait, using up no attempts, until new credentials are saved with PUT /v1/integrations/${label.toLowerCase()}.`,
  hubSpotRecordGone: (kind: "contact" | "company", id: number | string) =>
    `HubSpot ${kind} ${id} does not exist any more (404); latch the customer again.`,
  salesforceAllocationReserved: (share: number, waitMs: number) =>
    `Salesforce push held back: the sync's share (${Math.round(share * 100)} %) of the org's daily API allocation is used; it waits ${Math.ceil(waitMs / 1000)} s.`,
  // our sync endpoints and the standalone worker (npm run worker)
  syncReplayCrm: (value: string) =>
    `crm must be salesforce, hubspot or netsuite (or left out to replay every CRM); '${value}' is none of them.`,
  workerNeedsPostgres: (database: string) =>
    `npm run worker needs PostgreSQL: set DATABASE_URL=postgres://… to the database the API uses (this start would use ${database}). The embedded PGlite database can be opened by one process only; with it, the worker runs inside npm start (unless WORKER=off).`,
  internal: (requestId: string) =>
    `An unexpected error occurred; it has been logged with request id ${requestId}.`,
  notReadyDatabase: "Not ready: the database does not answer.",
  databaseUnavailable:
    "The database is unavailable at the moment; try again shortly (a change sent with this request may or may not have been saved).",
  notReadyMigrations: "Not ready: the database schema is not migrated to this version yet.",
} as const;
