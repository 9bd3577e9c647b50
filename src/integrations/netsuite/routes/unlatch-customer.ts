import { Type } from "typebox";
import { CustomerResponse } from "../../../customers/customer-schema.ts";
import { toCustomerResponse } from "../../../customers/customer-serializer.ts";
import { type App, type AppDeps, baseUrl } from "../../../http/app-deps.ts";
import { Id } from "../../../http/id-schema.ts";
import { routeDoc } from "../../../http/openapi/route-docs.ts";
import { unlatchNetsuiteCustomer } from "../netsuite-latch-service.ts";

const UnLatchCustomerBody = Type.Object({
  fusebillId: Id(),
});
const Params = Type.Object({ customerId: Id() });

/**
 * POST /v1/NetSuite/UnLatchCustomer `{fusebillId}` (Stax Bill's form), and the
 * path form `/v1/NetSuite/UnLatchCustomer/{customerId}` that the other
 * integrations' unlatch endpoints use.
 */
export function registerNetsuiteUnLatchCustomer(app: App, deps: AppDeps): void {
  app.post(
    "/v1/NetSuite/UnLatchCustomer",
    {
      schema: {
        ...routeDoc({
          operationId: "netsuiteUnlatchCustomer",
          summary: "Unlatch a customer from NetSuite",
          description: "Removes the link and its synch status.",
          tags: ["NetSuite"],
          success: "The customer, unlatched.",
          errors: [404],
        }),
        body: UnLatchCustomerBody,
        response: { 200: CustomerResponse },
      },
    },
    async (request) => {
      const customer = await unlatchNetsuiteCustomer(deps, request.account, request.body.fusebillId);
      return toCustomerResponse(customer, baseUrl(request, deps));
    },
  );
  app.post(
    "/v1/NetSuite/UnLatchCustomer/:customerId",
    {
      schema: {
        ...routeDoc({
          operationId: "netsuiteUnlatchCustomerById",
          summary: "Unlatch a customer from NetSuite (id in the path)",
          description: "The path form of NetSuite/UnLatchCustomer. Any body is ignored.",
          tags: ["NetSuite"],
          success: "The customer, unlatched.",
          errors: [404],
        }),
        params: Params,
        response: { 200: CustomerResponse },
      },
    },
    async (request) => {
      const customer = await unlatchNetsuiteCustomer(deps, request.account, request.params.customerId);
      return toCustomerResponse(customer, baseUrl(request, deps));
    },
  );
}
