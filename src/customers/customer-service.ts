import type { Db } from "../db/database.ts";
import type { AccountMode, CustomerUpdate } from "../db/schema.ts";
import { BadRequestError, ConflictError, CustomerNotFoundError } from "../errors/api-error.ts";
import { messages } from "../errors/messages.ts";
import { CURRENCIES } from "./customer-fields.ts";
import type { CustomerInput } from "./customer-input.ts";
import type { CustomerRecord } from "./customer-record.ts";
import {
  ancestorIds,
  findCustomer,
  insertCustomer,
  replaceCustomerIf,
  updateCustomer,
} from "./customer-repository.ts";
import {
  type CustomerStatus,
  canChangeCurrency,
  putFromStatuses,
  putRefusal,
  putRefusalText,
  refusalError,
} from "./status/status-rules.ts";

export interface AccountContext {
  accountId: number;
  defaultCurrency: string;
  /** As the key was verified (cached up to 10 s): for the `Latchwork-Mode` header, not for CRM decisions. */
  mode?: AccountMode | undefined;
}

export async function getCustomer(db: Db, account: AccountContext, id: number): Promise<CustomerRecord> {
  const customer = await findCustomer(db, account.accountId, id);
  if (!customer) throw new CustomerNotFoundError(id);
  return customer;
}

/** Creates a Draft customer; a missing currency takes the account's default. */
export async function createCustomer(
  db: Db,
  account: AccountContext,
  input: CustomerInput,
): Promise<CustomerRecord> {
  return db.transaction().execute((trx) => createCustomerIn(trx, account, input));
}

/** createCustomer's rules and insert inside the caller's transaction (a bulk import creates many in one). */
export async function createCustomerIn(
  trx: Db,
  account: AccountContext,
  input: CustomerInput,
): Promise<CustomerRecord> {
  const currency = input.currency ?? account.defaultCurrency;
  assertCurrencyEnabled(currency);
  if (input.parentId !== null) await assertParent(trx, account, null, input.parentId);
  return insertCustomer(trx, {
    ...toColumns(input),
    currency,
    accountId: account.accountId,
    salesTrackingCodes: JSON.stringify(input.salesTrackingCodes),
  });
}

/**
 * Full replace (PUT): every writable field takes the sent value or null; the
 * status changes as the table in status/status-rules.ts allows.
 * The common case (status change allowed, currency and parent kept or the
 * parent removed) is one conditional UPDATE; anything else, including a
 * missing customer, takes the checking path, which names the rule that refused.
 */
export async function replaceCustomer(
  db: Db,
  account: AccountContext,
  id: number,
  status: CustomerStatus,
  input: CustomerInput,
): Promise<CustomerRecord> {
  const replaced = await replaceCustomerIf(
    db,
    account.accountId,
    id,
    { ...toColumns(input), status, salesTrackingCodes: JSON.stringify(input.salesTrackingCodes) },
    { currency: input.currency, fromStatuses: putFromStatuses(status) },
  );
  if (replaced) return replaced;
  return replaceCustomerChecked(db, account, id, status, input);
}

async function replaceCustomerChecked(
  db: Db,
  account: AccountContext,
  id: number,
  status: CustomerStatus,
  input: CustomerInput,
): Promise<CustomerRecord> {
  return db.transaction().execute(async (trx) => {
    const current = await findCustomer(trx, account.accountId, id, { forUpdate: true });
    if (!current) throw new CustomerNotFoundError(id);
    assertStatusChange(current, status);
    const currency = input.currency ?? current.currency;
    if (currency !== current.currency) {
      if (!canChangeCurrency(current.status))
        throw new ConflictError(messages.currencyLocked(id, current.currency, currency));
      assertCurrencyEnabled(currency);
    }
    if (input.parentId !== null && input.parentId !== current.parentId) {
      await assertParent(trx, account, id, input.parentId);
    }
    return updateCustomer(trx, account.accountId, id, {
      ...toColumns(input),
      currency,
      status,
      salesTrackingCodes: JSON.stringify(input.salesTrackingCodes),
    });
  });
}

function assertStatusChange(current: CustomerRecord, next: CustomerStatus): void {
  const from = current.status as CustomerStatus;
  const refusal = putRefusal(from, next);
  if (refusal) throw refusalError(refusal, putRefusalText(current.id, from, next, refusal));
}

function assertCurrencyEnabled(currency: string): void {
  if (!(CURRENCIES as readonly string[]).includes(currency)) {
    throw new BadRequestError(messages.currencyNotEnabled(currency, CURRENCIES));
  }
}

/** The parent must be another customer of the same account, and not one of this customer's descendants. */
async function assertParent(
  db: Db,
  account: AccountContext,
  id: number | null,
  parentId: number,
): Promise<void> {
  if (id !== null && parentId === id) throw new BadRequestError(messages.parentIsSelf(id));
  const parent = await findCustomer(db, account.accountId, parentId);
  if (!parent) throw new BadRequestError(messages.parentNotFound(parentId));
  if (id !== null && (await ancestorIds(db, parentId)).includes(id)) {
    throw new BadRequestError(messages.parentCycle(id, parentId));
  }
}

function toColumns(input: CustomerInput): Omit<CustomerUpdate, "salesTrackingCodes" | "currency"> {
  const { currency: _currency, salesTrackingCodes: _codes, ...columns } = input;
  return columns;
}
