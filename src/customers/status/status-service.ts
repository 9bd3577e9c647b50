import type { Db } from "../../db/database.ts";
import { ConflictError, CustomerNotFoundError } from "../../errors/api-error.ts";
import { messages } from "../../errors/messages.ts";
import type { Status } from "../customer-fields.ts";
import { findCustomer, updateCustomer } from "../customer-repository.ts";
import type { CustomerRecord } from "../customer-serializer.ts";
import type { AccountContext } from "../customer-service.ts";

export type StatusAction = "activate" | "hold" | "unhold" | "cancel" | "uncancel";

/**
 * The status endpoints' transitions (notes §1.5). Suspension is the system's
 * alone, so no endpoint enters or leaves Suspended except cancellation; nothing
 * returns to Draft; uncancel goes to Active whatever the status was before
 * cancellation, as Fusebill's uncancel example shows.
 */
export const STATUS_TRANSITIONS: Record<StatusAction, { from: readonly Status[]; to: Status }> = {
  activate: { from: ["Draft"], to: "Active" },
  hold: { from: ["Active"], to: "Hold" },
  unhold: { from: ["Hold"], to: "Active" },
  cancel: { from: ["Draft", "Active", "Hold", "Suspended"], to: "Cancelled" },
  uncancel: { from: ["Cancelled"], to: "Active" },
};

export interface TransitionOptions {
  /** Answer the customer as it would be after the change, and save nothing. */
  preview?: boolean;
}

/**
 * Applies `action` to the customer. The row is locked for the whole check-and-write,
 * so of concurrent requests from the same status only the first succeeds; the
 * others see the new status and get a 409.
 */
export async function transitionCustomer(
  db: Db,
  account: AccountContext,
  id: number,
  action: StatusAction,
  options: TransitionOptions = {},
): Promise<CustomerRecord> {
  const { to } = STATUS_TRANSITIONS[action];
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
  const { from } = STATUS_TRANSITIONS[action];
  const status = current.status as Status;
  if (from.includes(status)) return;
  if (action === "cancel") throw new ConflictError(messages.alreadyCancelled(current.id));
  throw new ConflictError(messages.wrongStatus(current.id, action, status, from.join(" or ")));
}
