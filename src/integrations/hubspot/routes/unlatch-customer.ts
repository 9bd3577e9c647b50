import { Type } from "typebox";
import { CustomerResponse } from "../../../customers/customer-schema.ts";
import { toCustomerResponse } from "../../../customers/customer-serializer.ts";
import { type App, type AppDeps, baseUrl } from "../../../http/app-deps.ts";
import { Id } from "../../../http/id-schema.ts";
import { routeDoc } from "../../../http/openapi/route-docs.ts";
import { unlatchHubSpotCustomer } from "../hubspot-latch-service.ts";

const UnlatchParams = Type.Object({
  customerId: Id(),
});

/** POST /v1/HubSpot/UnlatchCustomer/{customerId} — any body is ignored. */
export function registerUnlatchCustomer(app: App, deps: AppDeps): void {
  app.post(
    "/v1/HubSpot/UnlatchCustomer/:customerId",
    {
      schema: {
        ...routeDoc({
          operationId: "hubspotUnlatchCustomer",
          summary: "Unlatch a customer from HubSpot",
          description: "Removes both HubSpot links. Any body is ignored.",
          tags: ["HubSpot"],
          success: "The customer, unlatched.",
          errors: [404],
          response: { 200: CustomerResponse },
        }),
        params: UnlatchParams,
      },
    },
    async (request) => {
      const customer = await unlatchHubSpotCustomer(deps, request.account, request.params.customerId);
      return toCustomerResponse(customer, baseUrl(request, deps));
    },
  );
}
