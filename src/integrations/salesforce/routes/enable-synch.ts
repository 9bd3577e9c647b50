import { Type } from "typebox";
import { CustomerResponse } from "../../../customers/customer-schema.ts";
import { toCustomerResponse } from "../../../customers/customer-serializer.ts";
import { type App, type AppDeps, baseUrl } from "../../../http/app-deps.ts";
import { Id } from "../../../http/id-schema.ts";
import { routeDoc } from "../../../http/openapi/route-docs.ts";
import { setSalesforceSynch } from "../salesforce-latch-service.ts";

const Params = Type.Object({ customerId: Id() });

/**
 * POST /v1/Salesforce/EnableSynch/{customerId} — takes no body: an empty one with a
 * JSON content type, none at all, or one that does not parse are all ignored.
 */
export function registerSalesforceEnableSynch(app: App, deps: AppDeps): void {
  app.post(
    "/v1/Salesforce/EnableSynch/:customerId",
    {
      schema: {
        ...routeDoc({
          operationId: "salesforceEnableSynch",
          summary: "Enable Salesforce sync",
          description:
            "Spec page 001. Sets salesforceSynchStatus to Enabled; the customer must be latched. Takes no body: an empty one, none, or one that does not parse are all ignored.",
          tags: ["Salesforce"],
          success: "The customer, with salesforceSynchStatus Enabled.",
          errors: [404],
        }),
        params: Params,
        response: { 200: CustomerResponse },
      },
    },
    async (request) => {
      const customer = await setSalesforceSynch(deps, request.account, request.params.customerId, "Enabled");
      return toCustomerResponse(customer, baseUrl(request, deps));
    },
  );
}
