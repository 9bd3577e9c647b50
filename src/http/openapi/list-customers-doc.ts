import { Type } from "typebox";
import { FILTER_NAMES } from "../../customers/list/filter-fields.ts";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../../customers/list/list-request.ts";

/**
 * The query of GET /v1/customers, for the document only: the route reads its
 * query itself (names in any case, values checked by the query parser, whose
 * messages name what is allowed), so Fastify gets no schema for it.
 */
export const ListCustomersQuery = Type.Object({
  query: Type.Optional(
    Type.String({
      description: `Filters: \`name:value\` joined by \`;\` (AND); \`*\` wildcard, \`,\` OR, \`from|to\` range, \`[empty]\` for unset. Names (case-insensitive): ${FILTER_NAMES.join(", ")}.`,
      examples: ["lastName:Sm*;status:Active,Draft;createdTimestamp:2024-01-01|"],
    }),
  ),
  pageSize: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_PAGE_SIZE,
      default: DEFAULT_PAGE_SIZE,
      description: "Customers per page.",
    }),
  ),
  pageNumber: Type.Optional(Type.Integer({ minimum: 0, default: 0, description: "0-based page index." })),
  sortOrder: Type.Optional(
    Type.Unsafe<string>({
      type: "string",
      enum: ["Ascending", "Descending"],
      description: "Given together with sortExpression.",
    }),
  ),
  sortExpression: Type.Optional(
    Type.String({ description: "The field to sort by (case-insensitive), given together with sortOrder." }),
  ),
});

const header = (description: string, type: "integer" | "string" = "integer") =>
  type === "integer" ? Type.Integer({ description }) : Type.String({ description });

/** The paging headers of the list's answer. */
export const LIST_HEADERS = {
  "X-Count": header("Customers matching the query, on all pages."),
  "X-MaxCount": header("All the account's customers, whatever the query."),
  "X-CurrentPage": header("This page's index (0-based)."),
  "X-PreviousPage": header("The previous page's index, -1 on the first page."),
  "X-NextPage": header("The next page's index, -1 on the last page."),
  "X-PageSize": header("The page size in force."),
  "X-MaxPageIndex": header("The last page's index."),
  "X-SortOrder": header("Ascending or Descending.", "string"),
  "X-SortExpression": header("The field sorted by.", "string"),
};
