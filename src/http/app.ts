import { randomUUID } from "node:crypto";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from "fastify";
import { sql } from "kysely";
import { registerCustomerRoutes } from "../customers/routes/index.ts";
import type { Db } from "../db/database.ts";
import { registerIntegrations } from "../integrations/index.ts";
import { registerNetsuite } from "../integrations/netsuite/index.ts";
import { registerSalesforce } from "../integrations/salesforce/index.ts";
import { registerSyncRoutes } from "../sync/routes/index.ts";
import type { SyncMetrics } from "../sync/sync-metrics.ts";
import { registerAuth } from "./auth.ts";
import { registerBodyParsing } from "./body-parsing.ts";
import { registerErrorHandling } from "./error-handler.ts";

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
}

export interface BuildAppOptions extends Omit<AppDeps, "selfUrl"> {
  logger?: FastifyBaseLogger | boolean | object;
  bodyLimit?: number;
  authCacheTtlMs?: number;
  /** Overrides the address the app derives from its listening socket. */
  selfUrl?: () => string;
}

/** The base URL that `uri` fields start with. */
export function baseUrl(request: FastifyRequest, deps: AppDeps): string {
  return deps.publicUrl ?? `${request.protocol}://${request.host}`;
}

export async function buildApp(options: BuildAppOptions): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    requestIdHeader: "x-request-id",
    genReqId: () => randomUUID(),
    routerOptions: {
      // Fusebill's own examples vary path case (SalesForce, CustomerHold) and add trailing slashes
      caseSensitive: false,
      ignoreTrailingSlash: true,
      ignoreDuplicateSlashes: true,
    },
    ajv: {
      customOptions: {
        coerceTypes: "array",
        removeAdditional: true,
        useDefaults: true,
        allErrors: false,
        strict: false,
      },
    },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;
  const deps: AppDeps = {
    ...options,
    sandbox: options.sandbox ?? true,
    selfUrl: options.selfUrl ?? (() => listeningUrl(app)),
  };

  app.addHook("onSend", async (request, reply, payload) => {
    reply.header("x-request-id", request.id);
    return payload;
  });
  registerErrorHandling(app as unknown as FastifyInstance);
  registerBodyParsing(app as unknown as FastifyInstance);
  registerAuth(app as unknown as FastifyInstance, options.db, { ttlMs: options.authCacheTtlMs });

  app.get("/healthz", async (_request, reply) => {
    await sql`select 1`.execute(options.db);
    return reply.send({ status: "ok" });
  });

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
