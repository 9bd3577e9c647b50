import { type Static, Type } from "typebox";
import { NotFoundError } from "../../errors/api-error.ts";
import { messages } from "../../errors/messages.ts";
import type { App } from "../../http/app-deps.ts";
import { routeDoc } from "../../http/openapi/route-docs.ts";
import { describeConnection, removeConnection, saveConnection } from "../connection-service.ts";
import { ConnectionView } from "../connection-view.ts";
import { CRM_NAMES, type CrmName, type IntegrationDeps } from "../crm-connection.ts";

const secret = () => Type.Optional(Type.String({ maxLength: 8192 }));

/**
 * Per-connection tuning, read by the connectors and pushers: call timeout;
 * HubSpot's token bucket (`rateLimit`, default 100 per 10 s); Salesforce's
 * share of the daily API allocation the sync may use, API version and the
 * Account field that receives the Fusebill id; NetSuite's concurrent requests.
 */
const ConnectionSettings = Type.Object({
  timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 120_000 })),
  rateLimit: Type.Optional(
    Type.Object({
      requests: Type.Integer({ minimum: 1, maximum: 100_000 }),
      perMs: Type.Integer({ minimum: 100, maximum: 86_400_000 }),
      burst: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    }),
  ),
  apiUsageShare: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
  apiVersion: Type.Optional(Type.String({ pattern: "^v\\d+\\.\\d$", maxLength: 10 })),
  fusebillIdField: Type.Optional(Type.String({ pattern: "^[A-Za-z][A-Za-z0-9_]*$", maxLength: 80 })),
  concurrency: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});

/** Every credential field of every CRM; the service keeps the ones the CRM needs. */
const PutConnectionBody = Type.Object({
  baseUrl: Type.Optional(Type.String({ maxLength: 2048 })),
  credentials: Type.Object({
    accessToken: secret(),
    instanceUrl: secret(),
    clientId: secret(),
    clientSecret: secret(),
    accountId: secret(),
    consumerKey: secret(),
    consumerSecret: secret(),
    tokenId: secret(),
    tokenSecret: secret(),
  }),
  settings: Type.Optional(ConnectionSettings),
});

const CrmParams = Type.Object({ crm: Type.String() });

function crmOf(name: string): CrmName {
  const crm = name.toLowerCase() as CrmName;
  if (!CRM_NAMES.includes(crm)) throw new NotFoundError(messages.crmUnknown(name));
  return crm;
}

/**
 * Our management API for an account's CRM connections. GET and PUT answer
 * with which credentials are stored, never their values.
 */
export function registerConnectionRoutes(app: App, deps: IntegrationDeps): void {
  app.get(
    "/v1/integrations/:crm",
    {
      schema: {
        ...routeDoc({
          operationId: "integrationsGet",
          summary: "Read a CRM connection",
          description:
            "Where the account's calls to this CRM go: `configured`, the built-in `sandbox`, or `none`. `crm` is hubspot, salesforce or netsuite.",
          tags: ["Integrations"],
          success: "The connection as it now stands (never a secret).",
          errors: [404],
          response: { 200: ConnectionView },
        }),
        params: CrmParams,
      },
    },
    async (request) => describeConnection(deps, request.account.accountId, crmOf(request.params.crm)),
  );

  app.put(
    "/v1/integrations/:crm",
    {
      schema: {
        ...routeDoc({
          operationId: "integrationsSave",
          summary: "Configure a CRM connection",
          description:
            "Stores the connection (credentials encrypted at rest) and its sync settings. HubSpot needs accessToken; Salesforce instanceUrl, clientId, clientSecret; NetSuite accountId, consumerKey, consumerSecret, tokenId, tokenSecret.",
          tags: ["Integrations"],
          success: "The connection as it now stands (never a secret).",
          errors: [404],
          response: { 200: ConnectionView },
        }),
        params: CrmParams,
        body: PutConnectionBody,
      },
    },
    async (request) => {
      const body = request.body as Static<typeof PutConnectionBody>;
      return saveConnection(deps, request.account.accountId, crmOf(request.params.crm), body);
    },
  );

  app.delete(
    "/v1/integrations/:crm",
    {
      schema: {
        ...routeDoc({
          operationId: "integrationsDelete",
          summary: "Forget a CRM connection",
          description: "The account falls back to the sandbox CRM (or to none when sandboxes are off).",
          tags: ["Integrations"],
          success: "The connection as it now stands (never a secret).",
          errors: [404],
          response: { 200: ConnectionView },
        }),
        params: CrmParams,
      },
    },
    async (request) => removeConnection(deps, request.account.accountId, crmOf(request.params.crm)),
  );
}
