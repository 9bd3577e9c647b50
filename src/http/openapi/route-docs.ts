import type { FastifySchema } from "fastify";
import type { TSchema } from "typebox";
import type { TagName } from "./document-base.ts";
import { ERROR_DESCRIPTIONS, ErrorEnvelope } from "./error-envelope.ts";
import { nameSchemas } from "./named-schemas.ts";
import { operationsDoc } from "./operations-docs.ts";
import { examplesFor } from "./spec-examples.ts";

/** Where a route keeps the parts of its documentation that Fastify must not see; the transform removes it. */
const DOC_KEY = "x-latchwork-doc";
const SANDBOX_PREFIX = "/sandbox/";
export const OPTIONAL_BODY_KEY = "x-latchwork-optional-body";

export interface RouteDoc {
  /** Stable camelCase: the typed SDK names its methods after it. */
  operationId: string;
  summary: string;
  tags: TagName[];
  description?: string;
  /** What the success response is. */
  success?: string;
  /** Error statuses besides 400 and 401, which every /v1 route can answer. */
  errors?: number[];
  /** No API key (outside /v1). */
  public?: boolean;
  /**
   * Schemas the route does not hand to Fastify (it would then validate or
   * serialise with them), documented as if it had: a query the route parses
   * itself, an optional body, a response left to JSON.stringify.
   */
  querystring?: TSchema;
  body?: TSchema;
  bodyRequired?: boolean;
  response?: Record<number, TSchema>;
  /** Media types of the success response, when not JSON. */
  produces?: string[];
  /** Response headers of the success response. */
  headers?: Record<string, TSchema>;
}

interface DocExtras {
  success?: string;
  errors: number[];
  querystring?: TSchema;
  body?: TSchema;
  bodyRequired?: boolean;
  response?: Record<number, TSchema>;
  headers?: Record<string, TSchema>;
}

/**
 * The OpenAPI metadata of a route, to spread into its `schema`. Fastify reads
 * only body, querystring, params, headers and response, so nothing here
 * changes how a request is validated or a response serialised.
 */
export function routeDoc(doc: RouteDoc): FastifySchema {
  const extras: DocExtras = {
    success: doc.success,
    errors: doc.errors ?? [],
    querystring: doc.querystring,
    body: doc.body,
    bodyRequired: doc.bodyRequired,
    response: doc.response,
    headers: doc.headers,
  };
  return {
    operationId: doc.operationId,
    summary: doc.summary,
    tags: doc.tags,
    ...(doc.description ? { description: doc.description } : {}),
    ...(doc.public ? { security: [] } : {}),
    ...(doc.produces ? { produces: doc.produces } : {}),
    [DOC_KEY]: extras,
  } as FastifySchema;
}

type Schema = Record<string, unknown>;

/**
 * @fastify/swagger's per-route transform, run when the document is built:
 * sandbox routes are left out; the route's documentation extras, the error
 * envelope responses and the spec pages' examples are merged into a copy of
 * its schema (the route's own schema objects are never modified).
 */
export function transformRouteSchema({
  schema,
  url,
  route,
}: {
  schema: FastifySchema;
  url: string;
  route: { method: string | string[] };
}): { schema: FastifySchema; url: string } {
  if (url.toLowerCase().startsWith(SANDBOX_PREFIX)) return { schema: { ...schema, hide: true }, url };
  const own = (schema ?? {}) as Schema;
  const method = Array.isArray(route.method) ? route.method[0] : route.method;
  const fallback = own[DOC_KEY] ? undefined : operationsDoc(String(method), url);
  const documented = fallback ? { ...(routeDoc(fallback) as Schema), ...own } : own;
  const { [DOC_KEY]: rawExtras, ...rest } = documented;
  const extras = (rawExtras ?? { errors: [] }) as DocExtras;
  const out: Schema = { ...rest };
  const examples = examplesFor(typeof rest.operationId === "string" ? rest.operationId : "");
  if (!out.querystring && extras.querystring) out.querystring = extras.querystring;
  const body = (out.body as Schema | undefined) ?? (extras.body as Schema | undefined);
  if (body) out.body = withExamples(nameSchemas(body), examples.request);
  // @fastify/swagger marks every documented body required; an "x-" key reaches the operation, where the document's transform reads it
  if (body && extras.bodyRequired === false) out[OPTIONAL_BODY_KEY] = true;
  const responses: Record<string, Schema> = {};
  const declared = { ...(extras.response ?? {}), ...((out.response as Record<string, Schema>) ?? {}) };
  for (const [status, responseSchema] of Object.entries(declared)) {
    responses[status] = {
      ...withExamples(nameSchemas(responseSchema as Schema), examples.response),
      "x-response-description": extras.success ?? "Success.",
      ...(extras.headers ? { headers: extras.headers } : {}),
    };
  }
  const apiRoute = url.toLowerCase().startsWith("/v1/");
  const statuses = new Set([...(apiRoute ? [400, 401] : []), ...extras.errors]);
  for (const status of [...statuses].sort()) {
    responses[String(status)] = {
      ...withExamples(ErrorEnvelope as unknown as Schema, examples.errors?.[status]),
      "x-response-description": ERROR_DESCRIPTIONS[status] ?? "Error.",
    };
  }
  if (Object.keys(responses).length > 0) out.response = responses;
  return { schema: out as FastifySchema, url };
}

function withExamples(schema: Schema, examples: Record<string, unknown> | undefined): Schema {
  return examples ? { ...schema, "x-examples": examples } : { ...schema };
}
