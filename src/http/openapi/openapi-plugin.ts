import fastifySwagger from "@fastify/swagger";
import type { FastifyInstance } from "fastify";
import { registerDocsReference } from "./docs-reference.ts";
import { documentBase } from "./document-base.ts";
import { finishDocument } from "./finish-document.ts";
import { transformRouteSchema } from "./route-docs.ts";

/**
 * Builds the OpenAPI 3.1 document from the routes' own schemas (the ones that
 * validate requests), serves it at /openapi.json and the reference at /docs.
 * Must be registered before any route: @fastify/swagger learns routes from
 * the onRoute hook. Neither path is under /v1/, so neither asks for a key.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: documentBase(),
    transform: transformRouteSchema,
    transformObject: finishDocument,
  });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  registerDocsReference(app);
}
