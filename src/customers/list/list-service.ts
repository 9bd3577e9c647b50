import type { Db } from "../../db/database.ts";
import type { CustomerRecord } from "../customer-serializer.ts";
import type { AccountContext } from "../customer-service.ts";
import { countAccountCustomers, countCustomers, findCustomerPage } from "./list-repository.ts";
import type { ListRequest } from "./list-request.ts";

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
  const { customers, count, maxCount } = await db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute(async (trx) => {
      const customers = await findCustomerPage(trx, accountId, request);
      const maxCount = await countAccountCustomers(trx, accountId);
      // counting is the costly part at a million customers: skip it when the answer is already known
      const isWholeFirstPage = request.pageNumber === 0 && customers.length < request.pageSize;
      const count =
        request.conditions.length === 0
          ? maxCount
          : isWholeFirstPage
            ? customers.length
            : await countCustomers(trx, accountId, request.conditions);
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
