import { type App, type AppDeps, baseUrl } from "../../http/app-deps.ts";
import { routeDoc } from "../../http/openapi/route-docs.ts";
import { CustomerIdParams, CustomerResponse } from "../customer-schema.ts";
import { toCustomerResponse } from "../customer-serializer.ts";
import { getCustomer } from "../customer-service.ts";

/** GET /v1/customers/{id} — paging parameters that some clients add to every GET are ignored. */
export function registerGetCustomer(app: App, deps: AppDeps): void {
  app.get(
    "/v1/customers/:id",
    {
      schema: {
        ...routeDoc({
          operationId: "customersGet",
          summary: "Read a customer",
          tags: ["Customers"],
          success: "The customer.",
          errors: [404],
        }),
        params: CustomerIdParams,
        response: { 200: CustomerResponse },
      },
    },
    async (request) => {
      const customer = await getCustomer(deps.db, request.account, request.params.id);
      return toCustomerResponse(customer, baseUrl(request, deps));
    },
  );
}
