import { Type } from "typebox";
import { type App, type AppDeps, baseUrl } from "../../http/app-deps.ts";
import { LIST_HEADERS, ListCustomersQuery } from "../../http/openapi/list-customers-doc.ts";
import { routeDoc } from "../../http/openapi/route-docs.ts";
import { CustomerResponse } from "../customer-schema.ts";
import { toCustomerResponse } from "../customer-serializer.ts";
import { normalizeListParams } from "./list-params.ts";
import { parseListRequest } from "./list-request.ts";
import { listCustomers } from "./list-service.ts";

/**
 * GET /v1/customers?query=…&pageSize=…&pageNumber=…&sortOrder=…&sortExpression=…
 * (notes §1.9): an array of customers, paging in X-* headers. The query string
 * has no schema: parameter names are matched case-insensitively here and every
 * value is checked by the parser, whose messages name what is allowed.
 */
export function registerListCustomers(app: App, deps: AppDeps): void {
  app.get(
    "/v1/customers",
    {
      schema: {
        ...routeDoc({
          operationId: "customersList",
          summary: "List and query customers",
          description:
            "The account's customers, a page at a time; paging in the X-* headers. Parameter names are case-insensitive.",
          tags: ["Customers"],
          success: "One page of customers.",
          querystring: ListCustomersQuery,
          headers: LIST_HEADERS,
        }),
        response: { 200: Type.Array(CustomerResponse) },
      },
    },
    async (request, reply) => {
      const listRequest = parseListRequest(normalizeListParams(request.query));
      const page = await listCustomers(deps.db, request.account, listRequest);
      reply.headers({
        "X-Count": page.count,
        "X-MaxCount": page.maxCount,
        "X-CurrentPage": page.currentPage,
        "X-PreviousPage": page.previousPage,
        "X-NextPage": page.nextPage,
        "X-PageSize": listRequest.pageSize,
        "X-MaxPageIndex": page.maxPageIndex,
        "X-SortOrder": listRequest.sort?.order ?? "Ascending",
        "X-SortExpression": listRequest.sort?.field.name ?? "id",
      });
      const base = baseUrl(request, deps);
      return page.customers.map((customer) => toCustomerResponse(customer, base));
    },
  );
}
