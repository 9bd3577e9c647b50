import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { registerCustomerRoutes } from "../customers/routes/index.ts";
import { registerHubSpot } from "../integrations/hubspot/index.ts";
import { registerNetsuite } from "../integrations/netsuite/index.ts";
import { registerConnectionRoutes } from "../integrations/routes/connection-routes.ts";
import { registerSalesforce } from "../integrations/salesforce/index.ts";
import { registerSyncRoutes } from "../sync/routes/index.ts";
import { createSyncMetrics } from "../sync/sync-metrics.ts";
import type { App, AppDeps } from "./app-deps.ts";
import { registerAuth } from "./auth.ts";
import { registerBodyParsing } from "./body-parsing.ts";
import { answerConnectRequests } from "./connect-method.ts";
import { registerErrorHandling, renderFrameworkError } from "./error-handler.ts";
import { registerHealthRoutes } from "./health-routes.ts";
import { requestId } from "./logger-options.ts";
import { registerModeHeader } from "./mode-header.ts";
import { registerOpenApi } from "./openapi/openapi-plugin.ts";
import { type RateLimitOptions, registerRateLimit } from "./rate-limit.ts";
import { registerRequestMetrics } from "./request-metrics.ts";
import { serverTimeoutOptions, type TimeoutOptions } from "./timeouts.ts";
import { VALIDATOR_OPTIONS } from "./validator-options.ts";

/** The app's type lives in app-deps.ts, with what route modules need; callers of buildApp find it here too. */
export type { App } from "./app-deps.ts";

export interface BuildAppOptions extends Omit<AppDeps, "selfUrl"> {
  logger?: FastifyBaseLogger | boolean | object;
  bodyLimit?: number;
  authCacheTtlMs?: number;
  /** Overrides the address the app derives from its listening socket. */
  selfUrl?: () => string;
  /** Per-account request limits (off when unset), see rate-limit.ts. */
  rateLimit?: RateLimitOptions;
  /** Slow-client protection, see timeouts.ts. */
  timeouts?: TimeoutOptions;
}

/**
 * Every route module, in registration order (the order of the OpenAPI document's paths): this list is the
 * one place that imports route register functions; route modules import app-deps.ts, never this file.
 */
const ROUTE_MODULES: readonly ((app: App, deps: AppDeps) => void)[] = [
  registerCustomerRoutes,
  // our CRM management API
  registerConnectionRoutes,
  // each CRM's endpoints and, unless the sandboxes are off, its sandbox
  registerHubSpot,
  registerSalesforce,
  registerNetsuite,
  registerSyncRoutes,
];

export async function buildApp(options: BuildAppOptions): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    ...serverTimeoutOptions(options.timeouts),
    frameworkErrors: renderFrameworkError,
    // genReqId reads X-Request-Id itself: Fastify's requestIdHeader would take any value, unchecked
    requestIdHeader: false,
    genReqId: requestId,
    routerOptions: {
      // Fusebill's own examples vary path case (SalesForce, CustomerHold) and add trailing slashes
      caseSensitive: false,
      ignoreTrailingSlash: true,
      ignoreDuplicateSlashes: true,
    },
    ajv: { customOptions: { ...VALIDATOR_OPTIONS } },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;
  answerConnectRequests(app.server);
  // one registry for the whole app: /metrics serves the HTTP histogram beside the sync metrics
  const metrics = options.metrics ?? createSyncMetrics(options.db);
  const deps: AppDeps = {
    ...options,
    metrics,
    sandbox: options.sandbox ?? true,
    selfUrl: options.selfUrl ?? (() => listeningUrl(app)),
  };

  app.addHook("onSend", async (request, reply, payload) => {
    reply.header("x-request-id", request.id);
    return payload;
  });
  registerErrorHandling(app as unknown as FastifyInstance);
  registerRequestMetrics(app as unknown as FastifyInstance, metrics.registry);
  registerBodyParsing(app as unknown as FastifyInstance);
  registerAuth(app as unknown as FastifyInstance, options.db, { ttlMs: options.authCacheTtlMs });
  registerModeHeader(app as unknown as FastifyInstance);
  // after auth: the limits are per account
  registerRateLimit(app as unknown as FastifyInstance, options.rateLimit ?? {});
  // before every route: the document is built from the routes it sees registered
  await registerOpenApi(app as unknown as FastifyInstance);
  registerHealthRoutes(app as unknown as FastifyInstance, options.db);

  for (const register of ROUTE_MODULES) register(app, deps);
  await app.ready();
  return app;
}

/** Where this process can reach itself: its listening address, with wildcard hosts made loopback. */
export function listeningUrl(app: App): string {
  const address = app.server.address();
  if (!address || typeof address === "string") {
    throw new Error("the app is not listening yet: the sandbox CRMs are reachable only after app.listen()");
  }
  const wildcard = address.address === "0.0.0.0" || address.address === "::";
  if (address.family === "IPv6") return `http://[${wildcard ? "::1" : address.address}]:${address.port}`;
  const host = wildcard ? "127.0.0.1" : address.address;
  return `http://${host}:${address.port}`;
}
