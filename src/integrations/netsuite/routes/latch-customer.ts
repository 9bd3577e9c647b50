import { Type } from "typebox";
import { CustomerResponse } from "../../../customers/customer-schema.ts";
import { toCustomerResponse } from "../../../customers/customer-serializer.ts";
import { type App, type AppDeps, baseUrl } from "../../../http/app-deps.ts";
import { Id } from "../../../http/id-schema.ts";
import { routeDoc } from "../../../http/openapi/route-docs.ts";
import { withCallLogger } from "../../crm-connection.ts";
import { latchNetsuite } from "../netsuite-latch-service.ts";

/**
 * Stax Bill's netsuite-latch-customer body. netsuiteSyncStartDate is accepted
 * and not stored: it only matters to the sync engine, which has no use for it yet.
 */
const LatchCustomerBody = Type.Object({
  fusebillId: Id(),
  netsuiteId: Type.String({ minLength: 1 }),
  netsuiteSyncStartDate: Type.Optional(Type.Unsafe<string | null>({ type: ["string", "null"] })),
});

/** POST /v1/NetSuite/LatchCustomer — latch a customer to a NetSuite customer record that NetSuite confirms. */
export function registerNetsuiteLatchCustomer(app: App, deps: AppDeps): void {
  app.post(
    "/v1/NetSuite/LatchCustomer",
    {
      schema: {
        ...routeDoc({
          operationId: "netsuiteLatchCustomer",
          summary: "Latch a customer to a NetSuite customer",
          description:
            "NetSuite must confirm the record (internal id, or `eid:{externalId}`); netsuiteCustomerType follows its isPerson. A customer latched elsewhere must be unlatched first.",
          tags: ["NetSuite"],
          success: "The customer, latched.",
          errors: [404, 502],
        }),
        body: LatchCustomerBody,
        response: { 200: CustomerResponse },
      },
    },
    async (request) => {
      const { fusebillId, netsuiteId } = request.body;
      const customer = await latchNetsuite(
        withCallLogger(deps, request),
        request.account,
        fusebillId,
        netsuiteId.trim(),
      );
      return toCustomerResponse(customer, baseUrl(request, deps));
    },
  );
}
