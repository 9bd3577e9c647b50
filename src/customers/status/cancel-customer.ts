import { type App, type AppDeps, baseUrl } from "../../http/app-deps.ts";
import { routeDoc } from "../../http/openapi/route-docs.ts";
import { CustomerResponse } from "../customer-schema.ts";
import { toCustomerResponse } from "../customer-serializer.ts";
import { statusEndpointDescription } from "./status-docs.ts";
import { STATUS_ENDPOINTS } from "./status-rules.ts";
import { CancelCustomerBody } from "./status-schema.ts";
import { transitionCustomer } from "./status-service.ts";

/**
 * POST /v1/customerCancellation — any status but Cancelled → Cancelled.
 * `cancellationOption` (None|Unearned|Full) decides what is refunded on each
 * subscription; with no subscriptions here it is validated and has no other effect.
 */
export function registerCancelCustomer(app: App, deps: AppDeps): void {
  app.post(
    STATUS_ENDPOINTS.cancel.path,
    {
      schema: {
        ...routeDoc({
          operationId: STATUS_ENDPOINTS.cancel.operationId,
          summary: "Cancel a customer",
          description: statusEndpointDescription("cancel"),
          tags: ["Customer status"],
          success: "The customer after the change.",
          errors: [404, 409],
        }),
        body: CancelCustomerBody,
        response: { 200: CustomerResponse },
      },
    },
    async (request) => {
      const customer = await transitionCustomer(deps.db, request.account, request.body.customerId, "cancel");
      return toCustomerResponse(customer, baseUrl(request, deps));
    },
  );
}
