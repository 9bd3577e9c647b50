import type { SwaggerTransformObject } from "@fastify/swagger";
import { SCHEMA_NAMES } from "./named-schemas.ts";
import { OPTIONAL_BODY_KEY } from "./route-docs.ts";

type Node = Record<string, unknown>;
const SCHEMAS = "#/components/schemas/";

/**
 * @fastify/swagger's last step: schemas with a registered name move to
 * `components.schemas` and are referenced from where they were used, request
 * bodies without one are named after their operation, and optional bodies
 * are marked so.
 */
export const finishDocument: SwaggerTransformObject = (documentObject) => {
  if (!("openapiObject" in documentObject)) return documentObject.swaggerObject;
  const openapiObject = documentObject.openapiObject as Node;
  const components = (openapiObject.components ?? {}) as Node;
  const schemas = (components.schemas ?? {}) as Node;
  components.schemas = schemas;
  openapiObject.components = components;
  const hoist = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(hoist);
    if (!node || typeof node !== "object") return node;
    const copy: Node = {};
    for (const [key, value] of Object.entries(node as Node)) copy[key] = hoist(value);
    const name = typeof copy.title === "string" ? copy.title : undefined;
    if (name && SCHEMA_NAMES.has(name)) {
      const { title: _title, ...definition } = copy;
      schemas[name] ??= definition;
      return { $ref: `${SCHEMAS}${name}` };
    }
    return copy;
  };
  for (const pathItem of Object.values((openapiObject.paths ?? {}) as Record<string, Node>)) {
    for (const operation of Object.values(pathItem) as Node[]) {
      for (const media of mediaObjects(operation)) media.schema = hoist(media.schema);
      const body = operation.requestBody as Node | undefined;
      if (operation[OPTIONAL_BODY_KEY]) {
        delete operation[OPTIONAL_BODY_KEY];
        if (body) body.required = false;
      }
      nameRequestBody(operation, schemas);
    }
  }
  return openapiObject;
};

function mediaObjects(operation: Node): Node[] {
  const found: Node[] = [];
  const content = (holder: unknown) => {
    const media = (holder as Node | undefined)?.content as Record<string, Node> | undefined;
    if (media) found.push(...Object.values(media));
  };
  content(operation.requestBody);
  for (const response of Object.values((operation.responses ?? {}) as Record<string, unknown>))
    content(response);
  return found;
}

/** An inline request body becomes `{OperationId}Request`, so that every body has a type name. */
function nameRequestBody(operation: Node, schemas: Node): void {
  const operationId = operation.operationId;
  const media = ((operation.requestBody as Node | undefined)?.content ?? {}) as Record<string, Node>;
  if (typeof operationId !== "string") return;
  const name = `${operationId[0]?.toUpperCase()}${operationId.slice(1)}Request`;
  for (const entry of Object.values(media)) {
    const schema = entry.schema as Node | undefined;
    if (!schema || "$ref" in schema) continue;
    schemas[name] ??= schema;
    entry.schema = { $ref: `${SCHEMAS}${name}` };
  }
}
