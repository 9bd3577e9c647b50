import { type App, type AppDeps, baseUrl } from "../../http/app-deps.ts";
import { routeDoc } from "../../http/openapi/route-docs.ts";
import { toCustomerInput } from "../customer-input.ts";
import { CustomerResponse, ReplaceCustomerBody } from "../customer-schema.ts";
import { toCustomerResponse } from "../customer-serializer.ts";
import { replaceCustomer } from "../customer-service.ts";
import { putStatusRulesDescription } from "../status/status-docs.ts";

/** PUT /v1/customers — full replace (spec page 003): writable fields not sent become null. */
export function registerReplaceCustomer(app: App, deps: AppDeps): void {
  app.put(
    "/v1/customers",
    {
      schema: {
        ...routeDoc({
          operationId: "customersReplace",
          summary: "Replace a customer",
          description: `Full replace (spec page 003): writable fields not sent become null; \`id\` and \`status\` are required. Read-only fields in the body are ignored, so a GET's answer can be PUT back as it is. ${putStatusRulesDescription()}`,
          tags: ["Customers"],
          success: "The customer as replaced.",
          errors: [404, 409],
        }),
        body: ReplaceCustomerBody,
        response: { 200: CustomerResponse },
      },
    },
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
