import { type App, type AppDeps, baseUrl } from "../../http/app-deps.ts";
import { routeDoc } from "../../http/openapi/route-docs.ts";
import { CustomerIdParams, CustomerResponse } from "../customer-schema.ts";
import { toCustomerResponse } from "../customer-serializer.ts";
import { statusEndpointDescription } from "./status-docs.ts";
import { STATUS_ENDPOINTS } from "./status-rules.ts";
import { transitionCustomer } from "./status-service.ts";

/** POST /v1/customers/uncancel/{id} — Cancelled → Active; any body is ignored. */
export function registerUncancelCustomer(app: App, deps: AppDeps): void {
  app.post(
    STATUS_ENDPOINTS.uncancel.path,
    {
      schema: {
        ...routeDoc({
          operationId: STATUS_ENDPOINTS.uncancel.operationId,
          summary: "Un-cancel a customer",
          description: statusEndpointDescription("uncancel", "Any body is ignored."),
          tags: ["Customer status"],
          success: "The customer after the change.",
          errors: [404, 409],
        }),
        params: CustomerIdParams,
        response: { 200: CustomerResponse },
      },
    },
    async (request) => {
      const customer = await transitionCustomer(deps.db, request.account, request.params.id, "uncancel");
      return toCustomerResponse(customer, baseUrl(request, deps));
    },
  );
}
