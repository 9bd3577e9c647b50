import { BadRequestError, ConflictError } from "../../errors/api-error.ts";
import { messages } from "../../errors/messages.ts";

/*
 * The customer status rules, written once (issue 16, item 2). The status
 * endpoints, PUT /v1/customers, the currency lock and the route descriptions
 * all read this table; status-rules.test.ts checks through HTTP that they agree
 * with it. Sources: notes §1.1 and §1.5, spec page 003, Fusebill's Service
 * Status article.
 */

/** The statuses a customer can be in, in the order the schemas list them. */
export const CustomerStatus = {
  Draft: "Draft",
  Active: "Active",
  Hold: "Hold",
  Suspended: "Suspended",
  Cancelled: "Cancelled",
} as const;
export type CustomerStatus = (typeof CustomerStatus)[keyof typeof CustomerStatus];
export const CUSTOMER_STATUSES: readonly CustomerStatus[] = Object.values(CustomerStatus);

const { Draft, Active, Hold, Suspended, Cancelled } = CustomerStatus;

/** A refused change: its HTTP status and the key of its text in src/errors/messages.ts. */
export interface Refusal<Key extends string = string> {
  status: 400 | 409;
  text: Key;
}

/** The texts a refused status endpoint may answer; the table names one per endpoint. */
export type EndpointRefusalKey = "wrongStatus" | "alreadyCancelled";
/** The texts a refused PUT status change may answer. */
export type PutRefusalKey =
  | "cannotSuspend"
  | "cannotReturnToDraft"
  | "cancelledCannotBeModified"
  | "statusTransitionNotAllowed";

export interface StatusEndpoint {
  /** The Fastify path of the POST that makes this transition. */
  path: string;
  operationId: string;
  /** The statuses it accepts; any other is refused with `refused`. */
  from: readonly CustomerStatus[];
  to: CustomerStatus;
  refused: Refusal<EndpointRefusalKey>;
}

/**
 * The transitions, one per status endpoint; the key is the verb the error
 * texts use. Suspension is the system's alone, so no endpoint enters or leaves
 * Suspended except cancellation; nothing returns to Draft; uncancel goes to
 * Active whatever the status was before cancellation, as Fusebill's uncancel
 * example shows.
 */
export const STATUS_ENDPOINTS = {
  activate: {
    path: "/v1/customerActivation",
    operationId: "customersActivate",
    from: [Draft],
    to: Active,
    refused: { status: 409, text: "wrongStatus" },
  },
  hold: {
    path: "/v1/CustomerHold/:id",
    operationId: "customersHold",
    from: [Active],
    to: Hold,
    refused: { status: 409, text: "wrongStatus" },
  },
  unhold: {
    path: "/v1/customers/unHold",
    operationId: "customersUnhold",
    from: [Hold],
    to: Active,
    refused: { status: 409, text: "wrongStatus" },
  },
  cancel: {
    path: "/v1/customerCancellation",
    operationId: "customersCancel",
    from: [Draft, Active, Hold, Suspended],
    to: Cancelled,
    // Fusebill says "already Cancelled" rather than naming the four statuses
    refused: { status: 409, text: "alreadyCancelled" },
  },
  uncancel: {
    path: "/v1/customers/uncancel/:id",
    operationId: "customersUncancel",
    from: [Cancelled],
    to: Active,
    refused: { status: 409, text: "wrongStatus" },
  },
} as const satisfies Record<string, StatusEndpoint>;
export type StatusAction = keyof typeof STATUS_ENDPOINTS;
export const STATUS_ACTIONS = Object.keys(STATUS_ENDPOINTS) as StatusAction[];

export interface StatusRow {
  /** Where POST /v1/customers puts a new customer. */
  initial?: true;
  /** The currency may change only in this status (canChangeCurrency). */
  currencyChangeable?: true;
  /** A PUT that sets this status on a customer in another one is refused so; `why` is for the docs. */
  putInto?: Refusal<PutRefusalKey> & { why: string };
  /** Any PUT on a customer in this status, even one keeping it, is refused so. */
  putFrom?: Refusal<PutRefusalKey> & { why: string };
}

/**
 * What each status means to a PUT. Besides these, a PUT may change the status
 * only as a status endpoint would (the transitions above); any other change
 * is refused with PUT_NOT_A_TRANSITION.
 */
export const STATUS_TABLE: Record<CustomerStatus, StatusRow> = {
  Draft: {
    initial: true,
    currencyChangeable: true,
    putInto: { status: 409, text: "cannotReturnToDraft", why: "nobody returns to Draft" },
  },
  Active: {},
  Hold: {},
  Suspended: {
    putInto: { status: 400, text: "cannotSuspend", why: "the system alone suspends (spec page 003)" },
  },
  Cancelled: {
    putFrom: { status: 409, text: "cancelledCannotBeModified", why: "uncancel it first" },
  },
};

/** A PUT status change that is none of the endpoints' transitions (Draft → Hold, Suspended → Active). */
export const PUT_NOT_A_TRANSITION: Refusal<PutRefusalKey> = {
  status: 409,
  text: "statusTransitionNotAllowed",
};

export const INITIAL_STATUS = CUSTOMER_STATUSES.find(
  (status) => STATUS_TABLE[status].initial,
) as CustomerStatus;

export function canChangeCurrency(status: string): boolean {
  return STATUS_TABLE[status as CustomerStatus]?.currencyChangeable === true;
}

/** The endpoint's refusal for a customer in `from`, or undefined when it makes the transition. */
export function endpointRefusal(
  action: StatusAction,
  from: CustomerStatus,
): Refusal<EndpointRefusalKey> | undefined {
  const endpoint: StatusEndpoint = STATUS_ENDPOINTS[action];
  return endpoint.from.includes(from) ? undefined : endpoint.refused;
}

/** Whether some status endpoint moves `from` to `to`. */
export function isTransition(from: CustomerStatus, to: CustomerStatus): boolean {
  return Object.values<StatusEndpoint>(STATUS_ENDPOINTS).some(
    (endpoint) => endpoint.to === to && endpoint.from.includes(from),
  );
}

/**
 * A PUT's refusal to move `from` to `to`, or undefined when it may. The order
 * decides which text a change that breaks two rules gets: a Cancelled
 * customer is frozen first of all, and keeping the status is always allowed.
 */
export function putRefusal(from: CustomerStatus, to: CustomerStatus): Refusal<PutRefusalKey> | undefined {
  const frozen = STATUS_TABLE[from].putFrom;
  if (frozen) return frozen;
  if (from === to) return undefined;
  const into = STATUS_TABLE[to].putInto;
  if (into) return into;
  return isTransition(from, to) ? undefined : PUT_NOT_A_TRANSITION;
}

/** putRefusal inverted, once: the statuses a PUT may find a customer in to give it a status. */
const PUT_FROM_STATUSES = {} as Record<CustomerStatus, readonly CustomerStatus[]>;
for (const to of CUSTOMER_STATUSES) {
  PUT_FROM_STATUSES[to] = CUSTOMER_STATUSES.filter((from) => !putRefusal(from, to));
}

/** The statuses a PUT may find a customer in to give it `to` (the one-statement replace's condition). */
export function putFromStatuses(to: CustomerStatus): readonly CustomerStatus[] {
  return PUT_FROM_STATUSES[to];
}

/** The text a status endpoint answers for a customer in `from` that it does not accept. */
export function endpointRefusalText(action: StatusAction, id: number, from: CustomerStatus): string {
  const texts: Record<EndpointRefusalKey, () => string> = {
    wrongStatus: () => messages.wrongStatus(id, action, from, STATUS_ENDPOINTS[action].from.join(" or ")),
    alreadyCancelled: () => messages.alreadyCancelled(id),
  };
  return texts[STATUS_ENDPOINTS[action].refused.text]();
}

/** The text a PUT answers for a status change the table refuses with `refusal`. */
export function putRefusalText(
  id: number,
  from: CustomerStatus,
  to: CustomerStatus,
  refusal: Refusal<PutRefusalKey>,
): string {
  const texts: Record<PutRefusalKey, () => string> = {
    cannotSuspend: () => messages.cannotSuspend,
    cannotReturnToDraft: () => messages.cannotReturnToDraft(id),
    cancelledCannotBeModified: () => messages.cancelledCannotBeModified(id),
    statusTransitionNotAllowed: () => messages.statusTransitionNotAllowed(id, from, to),
  };
  return texts[refusal.text]();
}

/** The API error of a refusal (400 or 409, as the table says). */
export function refusalError(refusal: Refusal, text: string): Error {
  return refusal.status === 400 ? new BadRequestError(text) : new ConflictError(text);
}
