import { BadRequestError } from "../../errors/api-error.ts";
import { messages } from "../../errors/messages.ts";
import { FILTER_NAMES, type FilterField, findFilterField } from "./filter-fields.ts";
import type { ListParams } from "./list-params.ts";
import { type Condition, parseQuery } from "./query-parser.ts";

export const DEFAULT_PAGE_SIZE = 20;
/** Fusebill's documented maximum "varies … never below 1,000" (notes §1.9). */
export const MAX_PAGE_SIZE = 1000;

export type SortOrder = "Ascending" | "Descending";

/** A list request after validation: what to match, which page, in which order. */
export interface ListRequest {
  conditions: Condition[];
  pageSize: number;
  pageNumber: number;
  /** undefined: the default order, id ascending */
  sort: { field: FilterField; order: SortOrder } | undefined;
}

export function parseListRequest(params: ListParams): ListRequest {
  return {
    conditions: parseQuery(params.query),
    pageSize: parsePageSize(params.pageSize),
    pageNumber: parsePageNumber(params.pageNumber),
    sort: parseSort(params.sortOrder, params.sortExpression),
  };
}

function parsePageSize(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return DEFAULT_PAGE_SIZE;
  const size = /^\s*\d{1,9}\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!(size >= 1 && size <= MAX_PAGE_SIZE)) {
    throw new BadRequestError(messages.listPageSize(value, MAX_PAGE_SIZE));
  }
  return size;
}

function parsePageNumber(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return 0;
  // nine digits keep pageNumber × pageSize a safe integer offset
  if (!/^\s*\d{1,9}\s*$/.test(value)) throw new BadRequestError(messages.listPageNumber(value));
  return Number(value);
}

/** Fusebill requires both or neither (notes §1.9); an empty parameter counts as absent. */
function parseSort(
  order: string | undefined,
  expression: string | undefined,
): ListRequest["sort"] | undefined {
  const orderText = order?.trim() ?? "";
  const expressionText = expression?.trim() ?? "";
  if (orderText === "" && expressionText === "") return undefined;
  if (orderText === "" || expressionText === "") throw new BadRequestError(messages.listSortPair);
  const normalized = orderText.toLowerCase();
  if (normalized !== "ascending" && normalized !== "descending") {
    throw new BadRequestError(messages.listSortOrder(orderText));
  }
  const field = findFilterField(expressionText);
  if (!field) throw new BadRequestError(messages.listSortExpression(expressionText, FILTER_NAMES));
  return { field, order: normalized === "ascending" ? "Ascending" : "Descending" };
}
