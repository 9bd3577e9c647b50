import { Type } from "typebox";
import type { App, AppDeps } from "../../http/app-deps.ts";
import { ReplayBodyDoc } from "../../http/openapi/optional-bodies.ts";
import { routeDoc } from "../../http/openapi/route-docs.ts";
import { keepRawBody, optionalJsonBody, propertyIgnoringCase } from "../../http/raw-body.ts";
import { AccountSyncResponse, ReplayResponse } from "./sync-schemas.ts";
import { getAccountSync, replayCrm, replaySync } from "./sync-status-service.ts";

const ReplayQuery = Type.Object({ crm: Type.Optional(Type.String()) });

/** GET /v1/sync and POST /v1/sync/replay (ours): the account's queue per CRM and its dead letters. */
export function registerAccountSync(app: App, deps: AppDeps): void {
  app.get(
    "/v1/sync",
    {
      schema: {
        ...routeDoc({
          operationId: "syncGetAccount",
          summary: "The account's sync queue per CRM",
          tags: ["Sync"],
          success: "Pending and dead-lettered pushes per CRM.",
        }),
        response: { 200: AccountSyncResponse },
      },
    },
    async (request) => getAccountSync(deps.db, request.account),
  );

  // the body is optional (`{crm}`; none replays every CRM), so it is read from the kept copy;
  // a body that does not parse is an error here, since ignoring it would replay more than asked
  app.post(
    "/v1/sync/replay",
    {
      preParsing: keepRawBody,
      schema: {
        ...routeDoc({
          operationId: "syncReplay",
          summary: "Replay dead-lettered pushes",
          description:
            "Puts the account's dead letters of one CRM (`crm` in the body or the query), or of every CRM, back in the queue. An unknown CRM or a body that is not JSON is a 400 and replays nothing.",
          tags: ["Sync"],
          success: "How many pushes were put back in the queue.",
          body: ReplayBodyDoc,
          bodyRequired: false,
        }),
        querystring: ReplayQuery,
        response: { 200: ReplayResponse },
      },
    },
    async (request) => {
      if (request.bodyError) throw request.bodyError;
      const body = optionalJsonBody(request);
      const crm = replayCrm(body ? propertyIgnoringCase(body, "crm") : request.query.crm);
      return replaySync(deps.db, request.account, crm);
    },
  );
}
