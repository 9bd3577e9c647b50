import { type App, type AppDeps, baseUrl } from "../../http/app-deps.ts";
import { routeDoc } from "../../http/openapi/route-docs.ts";
import { CustomerResponse } from "../customer-schema.ts";
import { toCustomerResponse } from "../customer-serializer.ts";
import { statusEndpointDescription } from "./status-docs.ts";
import { STATUS_ENDPOINTS } from "./status-rules.ts";
import { normalizeStatusQuery, StatusQuery, UnholdCustomerBody } from "./status-schema.ts";
import { transitionCustomer } from "./status-service.ts";

/**
 * POST /v1/customers/unHold — Hold → Active. `serviceStartOption` says how missed
 * periods are charged; with no subscriptions here it is validated and has no
 * other effect. `preview` is documented in the body; claygorman's client puts it
 * in the query, so either works.
 */
export function registerUnholdCustomer(app: App, deps: AppDeps): void {
  app.post(
    STATUS_ENDPOINTS.unhold.path,
    {
      schema: {
        ...routeDoc({
          operationId: STATUS_ENDPOINTS.unhold.operationId,
          summary: "Take a customer off hold",
          description: statusEndpointDescription("unhold", "`preview` may be sent in the body or the query."),
          tags: ["Customer status"],
          success: "The customer after the change.",
          errors: [404, 409],
        }),
        querystring: StatusQuery,
        body: UnholdCustomerBody,
        response: { 200: CustomerResponse },
      },
      preValidation: normalizeStatusQuery,
    },
    async (request) => {
      const preview = (request.body.preview ?? request.query.preview) === true;
      const customer = await transitionCustomer(deps.db, request.account, request.body.customerId, "unhold", {
        preview,
      });
      return toCustomerResponse(customer, baseUrl(request, deps));
    },
  );
}
