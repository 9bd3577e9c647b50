import { Type } from "typebox";
import { CustomerResponse } from "../../../customers/customer-schema.ts";
import { toCustomerResponse } from "../../../customers/customer-serializer.ts";
import { type App, type AppDeps, baseUrl } from "../../../http/app-deps.ts";
import { Id } from "../../../http/id-schema.ts";
import { routeDoc } from "../../../http/openapi/route-docs.ts";
import { withCallLogger } from "../../crm-connection.ts";
import { latchSalesforce } from "../salesforce-latch-service.ts";

/** Spec page 002; key case is free (the C# example sends `salesforceID`). */
const LatchBody = Type.Object({
  fusebillId: Id(),
  salesforceId: Type.String({ minLength: 1 }),
  forceLatch: Type.Optional(Type.Unsafe<boolean | null>({ type: ["boolean", "null"] })),
});

/** POST /v1/Salesforce/Latch — latch a customer to a Salesforce Account that Salesforce confirms. */
export function registerSalesforceLatch(app: App, deps: AppDeps): void {
  app.post(
    "/v1/Salesforce/Latch",
    {
      schema: {
        ...routeDoc({
          operationId: "salesforceLatch",
          summary: "Latch a customer to a Salesforce Account",
          description:
            "Spec page 002. Salesforce must confirm the Account (15 or 18 characters, prefix 001); the 18-character id is stored. A customer latched to another Account moves only with `forceLatch: true`.",
          tags: ["Salesforce"],
          success: "The customer, latched.",
          errors: [404, 502],
        }),
        body: LatchBody,
        response: { 200: CustomerResponse },
      },
    },
    async (request) => {
      const customer = await latchSalesforce(withCallLogger(deps, request), request.account, request.body);
      return toCustomerResponse(customer, baseUrl(request, deps));
    },
  );
}
