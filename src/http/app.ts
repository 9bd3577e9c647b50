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
}

export interface BuildAppOptions extends AppDeps {
  logger?: FastifyBaseLogger | boolean | object;
  bodyLimit?: number;
  authCacheTtlMs?: number;
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

  registerCustomerRoutes(app, options);
  await app.ready();
  return app;
}
