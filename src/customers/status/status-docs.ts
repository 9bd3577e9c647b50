import {
  CUSTOMER_STATUSES,
  type CustomerStatus,
  putRefusal,
  STATUS_ENDPOINTS,
  STATUS_TABLE,
  type StatusAction,
} from "./status-rules.ts";

/*
 * The OpenAPI descriptions' account of the status rules, written from the
 * table in status-rules.ts so that the documentation cannot drift from what
 * the endpoints and PUT do.
 */

/** "Draft to Active", "Any status but Cancelled to Cancelled": the move an endpoint makes. */
export function transitionPhrase(action: StatusAction): string {
  const { from, to } = STATUS_ENDPOINTS[action];
  const allOthers = CUSTOMER_STATUSES.every((status) => status === to || from.some((f) => f === status));
  return `${allOthers ? `Any status but ${to}` : from.join(" or ")} to ${to}`;
}

/** A status endpoint's description: its move, then what the route adds about its request. */
export function statusEndpointDescription(action: StatusAction, more?: string): string {
  return more ? `${transitionPhrase(action)}. ${more}` : `${transitionPhrase(action)}.`;
}

/** The statuses a PUT may move a customer in `from` to, besides keeping it. */
function putTargets(from: CustomerStatus): CustomerStatus[] {
  return CUSTOMER_STATUSES.filter((to) => to !== from && !putRefusal(from, to));
}

/** PUT /v1/customers' status rules, in the order putRefusal applies them. */
export function putStatusRulesDescription(): string {
  const moves = CUSTOMER_STATUSES.filter((from) => putTargets(from).length > 0).map(
    (from) => `${from} to ${putTargets(from).join(" or ")}`,
  );
  const refusals: string[] = [];
  for (const status of CUSTOMER_STATUSES) {
    const { putFrom } = STATUS_TABLE[status];
    if (putFrom) refusals.push(`Any PUT on a \`${status}\` customer: ${putFrom.status}, ${putFrom.why}.`);
  }
  for (const status of CUSTOMER_STATUSES) {
    const { putInto } = STATUS_TABLE[status];
    if (putInto) refusals.push(`Setting \`${status}\`: ${putInto.status}, ${putInto.why}.`);
  }
  return `Status changes, as the status endpoints make them: ${moves.join("; ")} (409 otherwise). ${refusals.join(" ")}`;
}
