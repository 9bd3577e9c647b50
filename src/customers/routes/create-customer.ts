import { type App, type AppDeps, baseUrl } from "../../http/app-deps.ts";
import { routeDoc } from "../../http/openapi/route-docs.ts";
import { toCustomerInput } from "../customer-input.ts";
import { CreateCustomerBody, CustomerResponse } from "../customer-schema.ts";
import { toCustomerResponse } from "../customer-serializer.ts";
import { createCustomer } from "../customer-service.ts";
import { INITIAL_STATUS } from "../status/status-rules.ts";

/** POST /v1/customers — every field optional; the new customer is Draft in the account's currency. */
export function registerCreateCustomer(app: App, deps: AppDeps): void {
  app.post(
    "/v1/customers",
    {
      schema: {
        ...routeDoc({
          operationId: "customersCreate",
          summary: "Create a customer",
          description: `Every field is optional. The new customer is ${INITIAL_STATUS}, Good, in the account's currency.`,
          tags: ["Customers"],
          success: "The new customer.",
        }),
        body: CreateCustomerBody,
        response: { 200: CustomerResponse },
      },
    },
    async (request) => {
      const customer = await createCustomer(deps.db, request.account, toCustomerInput(request.body));
      return toCustomerResponse(customer, baseUrl(request, deps));
    },
  );
}
