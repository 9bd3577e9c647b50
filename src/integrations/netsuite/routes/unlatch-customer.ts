import { Type } from "typebox";
import { CustomerResponse } from "../../../customers/customer-schema.ts";
import { toCustomerResponse } from "../../../customers/customer-serializer.ts";
import { type App, type AppDeps, baseUrl } from "../../../http/app.ts";
import { unlatchNetsuiteCustomer } from "../netsuite-latch-service.ts";

const UnLatchCustomerBody = Type.Object({ fusebillId: Type.Integer({ minimum: 1 }) });
const Params = Type.Object({ customerId: Type.Integer({ minimum: 1 }) });

/**
 * POST /v1/NetSuite/UnLatchCustomer `{fusebillId}` (Stax Bill's form), and the
 * path form `/v1/NetSuite/UnLatchCustomer/{customerId}` that the other
 * integrations' unlatch endpoints use.
 */
export function registerNetsuiteUnLatchCustomer(app: App, deps: AppDeps): void {
  app.post(
    "/v1/NetSuite/UnLatchCustomer",
    { schema: { body: UnLatchCustomerBody, response: { 200: CustomerResponse } } },
    async (request) => {
      const customer = await unlatchNetsuiteCustomer(deps, request.account, request.body.fusebillId);
      return toCustomerResponse(customer, baseUrl(request, deps));
    },
  );
  app.post(
    "/v1/NetSuite/UnLatchCustomer/:customerId",
    { schema: { params: Params, response: { 200: CustomerResponse } } },
    async (request) => {
      const customer = await unlatchNetsuiteCustomer(deps, request.account, request.params.customerId);
      return toCustomerResponse(customer, baseUrl(request, deps));
    },
  );
}
