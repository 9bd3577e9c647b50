import { CustomerIdParams } from "../../customers/customer-schema.ts";
import type { App, AppDeps } from "../../http/app-deps.ts";
import { routeDoc } from "../../http/openapi/route-docs.ts";
import { CustomerSyncResponse } from "./sync-schemas.ts";
import { getCustomerSync } from "./sync-status-service.ts";

/** GET /v1/customers/{id}/sync (ours): per CRM, the link, what waits in the outbox and the last push. */
export function registerCustomerSync(app: App, deps: AppDeps): void {
  app.get(
    "/v1/customers/:id/sync",
    {
      schema: {
        ...routeDoc({
          operationId: "syncGetCustomer",
          summary: "A customer's sync state per CRM",
          description:
            "Per CRM: the link, what waits in the outbox and the last push. The CRM is up to date when pending and dead are false and lastPushedVersion equals version.",
          tags: ["Sync"],
          success: "The customer's sync state.",
          errors: [404],
        }),
        params: CustomerIdParams,
        response: { 200: CustomerSyncResponse },
      },
    },
    async (request) => getCustomerSync(deps.db, request.account, request.params.id),
  );
}
