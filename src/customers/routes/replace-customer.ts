import { type App, type AppDeps, baseUrl } from "../../http/app.ts";
import { toCustomerInput } from "../customer-input.ts";
import { CustomerResponse, ReplaceCustomerBody } from "../customer-schema.ts";
import { toCustomerResponse } from "../customer-serializer.ts";
import { replaceCustomer } from "../customer-service.ts";

/** PUT /v1/customers — full replace (spec page 003): writable fields not sent become null. */
export function registerReplaceCustomer(app: App, deps: AppDeps): void {
  app.put(
    "/v1/customers",
    { schema: { body: ReplaceCustomerBody, response: { 200: CustomerResponse } } },
    async (request) => {
      const { id, status } = request.body;
      const customer = await replaceCustomer(
        deps.db,
        request.account,
        id,
        status,
        toCustomerInput(request.body),
      );
      return toCustomerResponse(customer, baseUrl(request, deps));
    },
  );
}
