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
  unsupportedMediaType: (type: string) => `Content-Type '${type}' is not supported: send application/json.`,
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
  portalUserNameTaken: (name: string) => `Portal user name '${name}' is already in use.`,
  invalidQuery: (detail: string) => `Invalid query: ${detail}`,
  internal: (requestId: string) =>
    `An unexpected error occurred; it has been logged with request id ${requestId}.`,
} as const;
