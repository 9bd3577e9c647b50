import { Type } from "typebox";
import { CustomerResponse } from "../../../customers/customer-schema.ts";
import { toCustomerResponse } from "../../../customers/customer-serializer.ts";
import { type App, type AppDeps, baseUrl } from "../../../http/app-deps.ts";
import { Id, NullableId } from "../../../http/id-schema.ts";
import { routeDoc } from "../../../http/openapi/route-docs.ts";
import { withCallLogger } from "../../crm-connection.ts";
import { latchHubSpotCustomer } from "../hubspot-latch-service.ts";

const nullableId = () => Type.Optional(NullableId());

/** Spec page 004. `null` removes a mapping; a key not sent leaves it as it is. */
const LatchCustomerBody = Type.Object({
  fusebillId: Id(),
  hubSpotId: nullableId(),
  hubSpotCompanyId: nullableId(),
});

/** POST /v1/HubSpot/latchCustomer — a CRM that does not answer is a 502 and latches nothing. */
export function registerLatchCustomer(app: App, deps: AppDeps): void {
  app.post(
    "/v1/HubSpot/latchCustomer",
    {
      schema: {
        ...routeDoc({
          operationId: "hubspotLatchCustomer",
          summary: "Latch a customer to a HubSpot contact and company",
          description:
            "Spec page 004. Each id given is checked in HubSpot, then latched; `null` removes a mapping, a key not sent leaves it. One customer per contact and per company.",
          tags: ["HubSpot"],
          success: "The customer, latched.",
          errors: [404, 502],
          response: { 200: CustomerResponse },
        }),
        body: LatchCustomerBody,
      },
    },
    async (request) => {
      const customer = await latchHubSpotCustomer(
        withCallLogger(deps, request),
        request.account,
        request.body,
      );
      return toCustomerResponse(customer, baseUrl(request, deps));
    },
  );
}
