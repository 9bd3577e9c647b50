import { Type } from "typebox";
import { CustomerResponse } from "../../../customers/customer-schema.ts";
import { toCustomerResponse } from "../../../customers/customer-serializer.ts";
import { type App, type AppDeps, baseUrl } from "../../../http/app-deps.ts";
import { Id } from "../../../http/id-schema.ts";
import { EnableSynchBodyDoc } from "../../../http/openapi/optional-bodies.ts";
import { routeDoc } from "../../../http/openapi/route-docs.ts";
import { keepRawBody, optionalJsonBody, propertyIgnoringCase } from "../../../http/raw-body.ts";
import { withCallLogger } from "../../crm-connection.ts";
import { setNetsuiteSynch } from "../netsuite-latch-service.ts";

const Params = Type.Object({ customerId: Id() });

/**
 * The netsuiteId an EnableSynch body asks to latch to, if any. The body is
 * optional and never an error: the page's own curl sends the unparseable
 * `{fusebillId:{customerId}'}`, which is ignored like an empty body. A body
 * that parses and carries a non-empty netsuiteId (string or number) latches
 * first; its fusebillId is ignored (the path names the customer).
 */
function requestedNetsuiteId(body: Record<string, unknown> | undefined): string | undefined {
  if (!body) return undefined;
  const value = propertyIgnoringCase(body, "netsuiteId");
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "string" && value.trim() !== "") return value.trim();
  return undefined;
}

/** POST /v1/Netsuite/EnableSynch/{customerId} (spec page 000). */
export function registerNetsuiteEnableSynch(app: App, deps: AppDeps): void {
  app.post(
    "/v1/Netsuite/EnableSynch/:customerId",
    {
      preParsing: keepRawBody,
      schema: {
        ...routeDoc({
          operationId: "netsuiteEnableSynch",
          summary: "Enable NetSuite sync",
          description:
            "Spec page 000. Sets netsuiteSynchStatus to Enabled. The body is optional and never an error: one that parses and carries netsuiteId latches to that record first; any other body (such as the page's `{fusebillId:{customerId}'}`) is ignored.",
          tags: ["NetSuite"],
          success: "The customer, with netsuiteSynchStatus Enabled.",
          errors: [404, 502],
          body: EnableSynchBodyDoc,
          bodyRequired: false,
        }),
        params: Params,
        response: { 200: CustomerResponse },
      },
    },
    async (request) => {
      const latchTo = requestedNetsuiteId(optionalJsonBody(request));
      const customer = await setNetsuiteSynch(
        withCallLogger(deps, request),
        request.account,
        request.params.customerId,
        "Enabled",
        latchTo,
      );
      return toCustomerResponse(customer, baseUrl(request, deps));
    },
  );
}
