import { Type } from "typebox";
import { CustomerResponse } from "../../../customers/customer-schema.ts";
import { toCustomerResponse } from "../../../customers/customer-serializer.ts";
import { type App, type AppDeps, baseUrl } from "../../../http/app-deps.ts";
import { Id } from "../../../http/id-schema.ts";
import { routeDoc } from "../../../http/openapi/route-docs.ts";
import { setNetsuiteSynch } from "../netsuite-latch-service.ts";

const Params = Type.Object({ customerId: Id() });

/** POST /v1/Netsuite/DisableSynch/{customerId} — takes no body; any body is ignored. */
export function registerNetsuiteDisableSynch(app: App, deps: AppDeps): void {
  app.post(
    "/v1/Netsuite/DisableSynch/:customerId",
    {
      schema: {
        ...routeDoc({
          operationId: "netsuiteDisableSynch",
          summary: "Disable NetSuite sync",
          description: "Sets netsuiteSynchStatus to Disabled. Any body is ignored.",
          tags: ["NetSuite"],
          success: "The customer, with netsuiteSynchStatus Disabled.",
          errors: [404],
        }),
        params: Params,
        response: { 200: CustomerResponse },
      },
    },
    async (request) => {
      const customer = await setNetsuiteSynch(deps, request.account, request.params.customerId, "Disabled");
      return toCustomerResponse(customer, baseUrl(request, deps));
    },
  );
}
