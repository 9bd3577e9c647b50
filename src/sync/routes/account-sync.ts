import { Type } from "typebox";
import type { App, AppDeps } from "../../http/app.ts";
import {
  keepRawBody,
  optionalJsonBody,
  propertyIgnoringCase,
} from "../../integrations/netsuite/routes/raw-body.ts";
import { AccountSyncResponse, ReplayResponse } from "./sync-schemas.ts";
import { getAccountSync, replayCrm, replaySync } from "./sync-status-service.ts";

const ReplayQuery = Type.Object({ crm: Type.Optional(Type.String()) });

/** GET /v1/sync and POST /v1/sync/replay (ours): the account's queue per CRM and its dead letters. */
export function registerAccountSync(app: App, deps: AppDeps): void {
  app.get("/v1/sync", { schema: { response: { 200: AccountSyncResponse } } }, async (request) =>
    getAccountSync(deps.db, request.account),
  );

  // the body is optional (`{crm}`; none replays every CRM), so it is read from the kept copy;
  // a body that does not parse is an error here, since ignoring it would replay more than asked
  app.post(
    "/v1/sync/replay",
    { preParsing: keepRawBody, schema: { querystring: ReplayQuery, response: { 200: ReplayResponse } } },
    async (request) => {
      if (request.bodyError) throw request.bodyError;
      const body = optionalJsonBody(request);
      const crm = replayCrm(body ? propertyIgnoringCase(body, "crm") : request.query.crm);
      return replaySync(deps.db, request.account, crm);
    },
  );
}
