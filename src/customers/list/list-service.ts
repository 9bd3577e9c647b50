import type { Db } from "../../db/database.ts";
import type { CustomerRecord } from "../customer-record.ts";
import type { AccountContext } from "../customer-service.ts";
import { countAccountCustomers, countCustomers, findCustomerPage } from "./list-repository.ts";
import type { ListRequest } from "./list-request.ts";
import { matchCountCacheOf } from "./match-count-cache.ts";

export interface CustomerPage {
  customers: CustomerRecord[];
  /** customers matching the query */
  count: number;
  /** all customers of the account */
  maxCount: number;
  currentPage: number;
  /** -1 when there is none */
  previousPage: number;
  /** -1 when there is none */
  nextPage: number;
  maxPageIndex: number;
}

/**
 * One page of the account's customers with the counts of Fusebill's X-* headers.
 * The queries share one repeatable-read snapshot so the counts agree with the page.
 */
export async function listCustomers(
  db: Db,
  account: AccountContext,
  request: ListRequest,
): Promise<CustomerPage> {
  const { accountId } = account;
  const counts = matchCountCacheOf(db);
  const { customers, count, maxCount } = await db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute(async (trx) => {
      const customers = await findCustomerPage(trx, accountId, request);
      const { customers: maxCount, snapshot } = await countAccountCustomers(trx, accountId);
      if (request.conditions.length === 0) return { customers, count: maxCount, maxCount };
      // counting is the costly part at a million customers: skip it when the answer is already known
      if (request.pageNumber === 0 && customers.length < request.pageSize) {
        return { customers, count: customers.length, maxCount };
      }
      let count = counts.get(accountId, request.conditions, snapshot);
      if (count === undefined) {
        count = await countCustomers(trx, accountId, request.conditions);
        counts.set(accountId, request.conditions, snapshot, count);
      }
      return { customers, count, maxCount };
    });
  return { customers, count, maxCount, ...paging(count, request.pageSize, request.pageNumber) };
}

/** Page indexes are 0-based; an empty result still has page 0. */
export function paging(
  count: number,
  pageSize: number,
  pageNumber: number,
): Pick<CustomerPage, "currentPage" | "previousPage" | "nextPage" | "maxPageIndex"> {
  const maxPageIndex = Math.max(0, Math.ceil(count / pageSize) - 1);
  return {
    currentPage: pageNumber,
    previousPage: pageNumber > 0 ? pageNumber - 1 : -1,
    nextPage: pageNumber < maxPageIndex ? pageNumber + 1 : -1,
    maxPageIndex,
  };
}
