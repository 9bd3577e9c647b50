import type { Db } from "../../db/database.ts";
import { CustomerNotFoundError } from "../../errors/api-error.ts";
import type { CustomerRecord } from "../customer-record.ts";
import { findCustomer, updateCustomer } from "../customer-repository.ts";
import type { AccountContext } from "../customer-service.ts";
import {
  type CustomerStatus,
  endpointRefusal,
  endpointRefusalText,
  refusalError,
  STATUS_ENDPOINTS,
  type StatusAction,
} from "./status-rules.ts";

export type { StatusAction } from "./status-rules.ts";

export interface TransitionOptions {
  /** Answer the customer as it would be after the change, and save nothing. */
  preview?: boolean;
}

/**
 * Applies `action` to the customer, as the table in status-rules.ts says. The
 * row is locked for the whole check-and-write, so of concurrent requests from
 * the same status only the first succeeds; the others see the new status and
 * get a 409.
 */
export async function transitionCustomer(
  db: Db,
  account: AccountContext,
  id: number,
  action: StatusAction,
  options: TransitionOptions = {},
): Promise<CustomerRecord> {
  const { to } = STATUS_ENDPOINTS[action];
  if (options.preview) {
    const current = await findCustomer(db, account.accountId, id);
    if (!current) throw new CustomerNotFoundError(id);
    assertTransition(current, action);
    return { ...current, status: to, modifiedTimestamp: new Date() };
  }
  return db.transaction().execute(async (trx) => {
    const current = await findCustomer(trx, account.accountId, id, { forUpdate: true });
    if (!current) throw new CustomerNotFoundError(id);
    assertTransition(current, action);
    return updateCustomer(trx, account.accountId, id, { status: to });
  });
}

function assertTransition(current: CustomerRecord, action: StatusAction): void {
  const from = current.status as CustomerStatus;
  const refusal = endpointRefusal(action, from);
  if (refusal) throw refusalError(refusal, endpointRefusalText(action, current.id, from));
}
