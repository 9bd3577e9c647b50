import { Type } from "typebox";
import { CustomerResponse } from "../../../customers/customer-schema.ts";
import { toCustomerResponse } from "../../../customers/customer-serializer.ts";
import { type App, type AppDeps, baseUrl } from "../../../http/app-deps.ts";
import { Id } from "../../../http/id-schema.ts";
import { routeDoc } from "../../../http/openapi/route-docs.ts";
import { setSalesforceSynch } from "../salesforce-latch-service.ts";

const Params = Type.Object({ customerId: Id() });

/**
 * POST /v1/Salesforce/DisableSynch/{customerId} — takes no body: an empty one with a
 * JSON content type, none at all, or one that does not parse are all ignored.
 */
export function registerSalesforceDisableSynch(app: App, deps: AppDeps): void {
  app.post(
    "/v1/Salesforce/DisableSynch/:customerId",
    {
      schema: {
        ...routeDoc({
          operationId: "salesforceDisableSynch",
          summary: "Disable Salesforce sync",
          description:
            "Sets salesforceSynchStatus to Disabled; the customer must be latched. Any body is ignored.",
          tags: ["Salesforce"],
          success: "The customer, with salesforceSynchStatus Disabled.",
          errors: [404],
        }),
        params: Params,
        response: { 200: CustomerResponse },
      },
    },
    async (request) => {
      const customer = await setSalesforceSynch(deps, request.account, request.params.customerId, "Disabled");
      return toCustomerResponse(customer, baseUrl(request, deps));
    },
  );
}
