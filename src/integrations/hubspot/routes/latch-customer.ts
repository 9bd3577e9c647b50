import { Type } from "typebox";
import { CustomerResponse } from "../../../customers/customer-schema.ts";
import { toCustomerResponse } from "../../../customers/customer-serializer.ts";
import { type App, type AppDeps, baseUrl } from "../../../http/app.ts";
import { routeDoc } from "../../../http/openapi/route-docs.ts";
import { latchHubSpotCustomer } from "../hubspot-latch-service.ts";

const nullableId = () =>
  Type.Optional(
    Type.Unsafe<number | null>({ type: ["integer", "null"], minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
  );

/** Spec page 004. `null` removes a mapping; a key not sent leaves it as it is. */
const LatchCustomerBody = Type.Object({
  fusebillId: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
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
      const customer = await latchHubSpotCustomer(deps, request.account, request.body);
      return toCustomerResponse(customer, baseUrl(request, deps));
    },
  );
}
