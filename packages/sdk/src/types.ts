/**
 * Names for the request and response shapes, read from the generated
 * `operations` (keyed by the document's operationIds), so that they follow the
 * server's schemas whenever the types are regenerated.
 */
import type { operations } from "./openapi-types.ts";

export type OperationId = keyof operations;

type JsonOf<T> = T extends { content: { "application/json": infer Body } } ? Body : never;

/** The JSON request body of an operation. */
export type RequestBody<Id extends OperationId> = JsonOf<NonNullable<operations[Id]["requestBody"]>>;

/** The JSON body of an operation's 200 answer. */
export type ResponseBody<Id extends OperationId> = operations[Id]["responses"] extends { 200: infer Ok }
  ? JsonOf<Ok>
  : never;

/** An operation's query parameters. */
export type QueryOf<Id extends OperationId> = operations[Id]["parameters"] extends { query?: infer Query }
  ? NonNullable<Query>
  : never;

/** A customer as the API returns it (GET, POST, PUT and every status, latch and synch endpoint). */
export type Customer = ResponseBody<"customersGet">;
/** The body of `customers.create`: every field is optional. */
export type CustomerCreate = RequestBody<"customersCreate">;
/** The body of `customers.replace`: a full replacement; `id` and `status` are required. */
export type CustomerReplace = RequestBody<"customersReplace">;
/** `query`, `pageSize`, `pageNumber`, `sortOrder`, `sortExpression` of `customers.list`. */
export type CustomerListQuery = QueryOf<"customersList">;
export type CustomerActivation = RequestBody<"customersActivate">;
export type CustomerActivationQuery = QueryOf<"customersActivate">;
export type CustomerUnhold = RequestBody<"customersUnhold">;
export type CustomerCancellation = RequestBody<"customersCancel">;
export type SalesforceLatch = RequestBody<"salesforceLatch">;
export type HubSpotLatch = RequestBody<"hubspotLatchCustomer">;
export type NetSuiteLatch = RequestBody<"netsuiteLatchCustomer">;
export type NetSuiteEnableSynch = RequestBody<"netsuiteEnableSynch">;
export type Crm = "hubspot" | "salesforce" | "netsuite";
export type ConnectionInput = RequestBody<"integrationsSave">;
export type Connection = ResponseBody<"integrationsGet">;
export type AccountSync = ResponseBody<"syncGetAccount">;
export type CustomerSync = ResponseBody<"syncGetCustomer">;
export type SyncReplay = ResponseBody<"syncReplay">;

/** Per-call options every method takes last. */
export interface CallOptions {
  /** Aborts the call, including a retry's wait. */
  signal?: AbortSignal;
  /** Headers for this call only. */
  headers?: Record<string, string>;
}
