import { type App, type AppDeps, baseUrl } from "../../http/app-deps.ts";
import { routeDoc } from "../../http/openapi/route-docs.ts";
import { CustomerIdParams, CustomerResponse } from "../customer-schema.ts";
import { toCustomerResponse } from "../customer-serializer.ts";
import { statusEndpointDescription } from "./status-docs.ts";
import { STATUS_ENDPOINTS } from "./status-rules.ts";
import { transitionCustomer } from "./status-service.ts";

/**
 * POST /v1/CustomerHold/{id} — Active → Hold. It has no body schema, so
 * whatever body arrives (none, empty JSON, empty form-encoded) is ignored.
 */
export function registerHoldCustomer(app: App, deps: AppDeps): void {
  app.post(
    STATUS_ENDPOINTS.hold.path,
    {
      schema: {
        ...routeDoc({
          operationId: STATUS_ENDPOINTS.hold.operationId,
          summary: "Put a customer on hold",
          description: statusEndpointDescription("hold", "Takes no body; any body is ignored."),
          tags: ["Customer status"],
          success: "The customer after the change.",
          errors: [404, 409],
        }),
        params: CustomerIdParams,
        response: { 200: CustomerResponse },
      },
    },
    async (request) => {
      const customer = await transitionCustomer(deps.db, request.account, request.params.id, "hold");
      return toCustomerResponse(customer, baseUrl(request, deps));
    },
  );
}
