import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from "fastify";
import { registerCustomerRoutes } from "../customers/routes/index.ts";
import type { Db } from "../db/database.ts";
import { registerIntegrations } from "../integrations/index.ts";
import { registerNetsuite } from "../integrations/netsuite/index.ts";
import { registerSalesforce } from "../integrations/salesforce/index.ts";
import { registerSyncRoutes } from "../sync/routes/index.ts";
import { createSyncMetrics, type SyncMetrics } from "../sync/sync-metrics.ts";
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

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface AppDeps {
  db: Db;
  /** Base of the `uri` fields; the request's own origin when unset. */
  publicUrl?: string | undefined;
  /** `http://127.0.0.1:{port}` of this process once it listens; the built-in sandbox CRMs live beneath it. */
  selfUrl(): string;
  /** Whether the built-in sandbox CRMs are served and used by accounts without a connection. */
  sandbox?: boolean;
  /** How long a CRM call may take before it counts as unreachable. */
  crmTimeoutMs?: number;
  /** 32-byte key for the CRM secrets; from LATCHWORK_SECRET_KEY or DATA_DIR/secret.key when unset. */
  secretKey?: Buffer;
  /** The sync metrics /metrics serves; the app makes its own when unset (see `app.syncMetrics`). */
  metrics?: SyncMetrics;
  /** Called after every successful API write, e.g. to wake the in-process sync worker. */
  afterWrite?: () => void;
  /** LATCHWORK_OUTBOUND_ALLOW, parsed: hosts live accounts may call although not public https (outbound-url.ts). */
  outboundAllow?: readonly string[];
}

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

/** The base URL that `uri` fields start with. */
export function baseUrl(request: FastifyRequest, deps: AppDeps): string {
  return deps.publicUrl ?? `${request.protocol}://${request.host}`;
}

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

  registerCustomerRoutes(app, deps);
  registerIntegrations(app, deps);
  registerSalesforce(app, deps);
  registerNetsuite(app, deps);
  registerSyncRoutes(app, deps);
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
