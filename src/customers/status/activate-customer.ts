import { BadRequestError } from "../../errors/api-error.ts";
import { messages } from "../../errors/messages.ts";
import { type App, type AppDeps, baseUrl } from "../../http/app-deps.ts";
import { routeDoc } from "../../http/openapi/route-docs.ts";
import { CustomerResponse } from "../customer-schema.ts";
import { toCustomerResponse } from "../customer-serializer.ts";
import { statusEndpointDescription } from "./status-docs.ts";
import { STATUS_ENDPOINTS } from "./status-rules.ts";
import { ActivateCustomerBody, normalizeStatusQuery, StatusQuery } from "./status-schema.ts";
import { transitionCustomer } from "./status-service.ts";

const REQUIRED_UNLESS_PREVIEW = [
  "activateAllSubscriptions",
  "activateAllDraftPurchases",
  "temporarilyDisableAutoPost",
] as const;

/**
 * POST /v1/customerActivation — Draft → Active. With `preview=true` it answers
 * the customer as activation would leave it and saves nothing.
 * `view=sideeffects` would add the invoice the activation raised; this service
 * raises none (no subscriptions or purchases), so the answer keeps the plain
 * customer shape, which is also what clients that ignore the view expect.
 */
export function registerActivateCustomer(app: App, deps: AppDeps): void {
  app.post(
    STATUS_ENDPOINTS.activate.path,
    {
      schema: {
        ...routeDoc({
          operationId: STATUS_ENDPOINTS.activate.operationId,
          summary: "Activate a customer",
          description: statusEndpointDescription(
            "activate",
            "With `preview=true` it answers the customer as activation would leave it and saves nothing; otherwise the three booleans are required.",
          ),
          tags: ["Customer status"],
          success: "The customer after the change.",
          errors: [404, 409],
        }),
        querystring: StatusQuery,
        body: ActivateCustomerBody,
        response: { 200: CustomerResponse },
      },
      preValidation: normalizeStatusQuery,
    },
    async (request) => {
      const preview = request.query.preview === true;
      if (!preview) {
        const missing = REQUIRED_UNLESS_PREVIEW.find((field) => request.body[field] === undefined);
        if (missing) throw new BadRequestError(messages.requiredUnlessPreview(missing));
      }
      const customer = await transitionCustomer(
        deps.db,
        request.account,
        request.body.customerId,
        "activate",
        {
          preview,
        },
      );
      return toCustomerResponse(customer, baseUrl(request, deps));
    },
  );
}
