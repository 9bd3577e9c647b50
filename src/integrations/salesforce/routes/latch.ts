import { Type } from "typebox";
import { CustomerResponse } from "../../../customers/customer-schema.ts";
import { toCustomerResponse } from "../../../customers/customer-serializer.ts";
import { type App, type AppDeps, baseUrl } from "../../../http/app.ts";
import { latchSalesforce } from "../salesforce-latch-service.ts";

/** Spec page 002; key case is free (the C# example sends `salesforceID`). */
const LatchBody = Type.Object({
  fusebillId: Type.Integer({ minimum: 1 }),
  salesforceId: Type.String({ minLength: 1 }),
  forceLatch: Type.Optional(Type.Unsafe<boolean | null>({ type: ["boolean", "null"] })),
});

/** POST /v1/Salesforce/Latch — latch a customer to a Salesforce Account that Salesforce confirms. */
export function registerSalesforceLatch(app: App, deps: AppDeps): void {
  app.post(
    "/v1/Salesforce/Latch",
    { schema: { body: LatchBody, response: { 200: CustomerResponse } } },
    async (request) => {
      const customer = await latchSalesforce(deps, request.account, request.body);
      return toCustomerResponse(customer, baseUrl(request, deps));
    },
  );
}
