import { Type } from "typebox";
import { toCustomerResponse } from "../../../customers/customer-serializer.ts";
import { type App, type AppDeps, baseUrl } from "../../../http/app.ts";
import { unlatchHubSpotCustomer } from "../hubspot-latch-service.ts";

const UnlatchParams = Type.Object({ customerId: Type.Integer({ minimum: 1 }) });

/** POST /v1/HubSpot/UnlatchCustomer/{customerId} — any body is ignored. */
export function registerUnlatchCustomer(app: App, deps: AppDeps): void {
  app.post(
    "/v1/HubSpot/UnlatchCustomer/:customerId",
    { schema: { params: UnlatchParams } },
    async (request) => {
      const customer = await unlatchHubSpotCustomer(deps, request.account, request.params.customerId);
      return toCustomerResponse(customer, baseUrl(request, deps));
    },
  );
}
