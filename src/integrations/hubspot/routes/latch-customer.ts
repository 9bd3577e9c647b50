import { Type } from "typebox";
import { toCustomerResponse } from "../../../customers/customer-serializer.ts";
import { type App, type AppDeps, baseUrl } from "../../../http/app.ts";
import { latchHubSpotCustomer } from "../hubspot-latch-service.ts";

const nullableId = () => Type.Optional(Type.Unsafe<number | null>({ type: ["integer", "null"], minimum: 1 }));

/** Spec page 004. `null` removes a mapping; a key not sent leaves it as it is. */
const LatchCustomerBody = Type.Object({
  fusebillId: Type.Integer({ minimum: 1 }),
  hubSpotId: nullableId(),
  hubSpotCompanyId: nullableId(),
});

/** POST /v1/HubSpot/latchCustomer — a CRM that does not answer is a 502 and latches nothing. */
export function registerLatchCustomer(app: App, deps: AppDeps): void {
  app.post("/v1/HubSpot/latchCustomer", { schema: { body: LatchCustomerBody } }, async (request) => {
    const customer = await latchHubSpotCustomer(deps, request.account, request.body);
    return toCustomerResponse(customer, baseUrl(request, deps));
  });
}
