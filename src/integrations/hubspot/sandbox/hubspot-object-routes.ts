import { Type } from "typebox";
import type { App } from "../../../http/app-deps.ts";
import { invalidPropertyValues, notFound, validationError } from "./hubspot-errors.ts";
import {
  DEFAULT_PROPERTIES,
  type HubSpotRecord,
  type HubSpotStore,
  OBJECT_TYPES,
  type ObjectType,
} from "./hubspot-store.ts";

/** HubSpot's batch endpoints take at most 100 inputs (crm-apis.md §0). */
export const BATCH_LIMIT = 100;

const Properties = Type.Record(Type.String(), Type.Unsafe<string | null>({ type: ["string", "null"] }));
const ObjectParams = Type.Object({ objectType: Type.String() });
const RecordParams = Type.Object({ objectType: Type.String(), id: Type.String() });
const PropertiesBody = Type.Object({ properties: Properties });
const BatchReadBody = Type.Object({
  inputs: Type.Array(Type.Object({ id: Type.String() })),
  properties: Type.Optional(Type.Array(Type.String())),
  idProperty: Type.Optional(Type.String()),
});
const BatchUpdateBody = Type.Object({
  inputs: Type.Array(Type.Object({ id: Type.String(), properties: Properties })),
});
const BatchCreateBody = Type.Object({ inputs: Type.Array(Type.Object({ properties: Properties })) });
const MergeBody = Type.Object({ primaryObjectId: Type.String(), objectIdToMerge: Type.String() });

type Query = Record<string, string | string[] | undefined>;

function typeOf(name: string): ObjectType | undefined {
  const lower = name.toLowerCase() as ObjectType;
  return OBJECT_TYPES.includes(lower) ? lower : undefined;
}

/** `properties=a,b` or `properties=a&properties=b`. */
function listParam(value: string | string[] | undefined): string[] {
  const values = Array.isArray(value) ? value : value ? [value] : [];
  return values.flatMap((item) => item.split(",")).filter(Boolean);
}

/** A record as the v3 API shows it: the requested properties (or the defaults), nulls included. */
function view(type: ObjectType, record: HubSpotRecord, requested: string[] = []) {
  const always = [
    "hs_object_id",
    "createdate",
    type === "contacts" ? "lastmodifieddate" : "hs_lastmodifieddate",
  ];
  const names = requested.length > 0 ? [...new Set([...requested, ...always])] : DEFAULT_PROPERTIES[type];
  const properties = Object.fromEntries(names.map((name) => [name, record.properties[name] ?? null]));
  return {
    id: record.id,
    properties,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    archived: record.archived,
    ...(record.archivedAt ? { archivedAt: record.archivedAt } : {}),
  };
}

/**
 * A batch answer: 200 `BatchResponseSimplePublicObject`, or 207
 * `BatchResponseSimplePublicObjectWithErrors` when ids are missing, with one
 * `StandardError` naming them all in `context.ids` (the shape of HubSpot's
 * OpenAPI files and of its answers quoted on community.hubspot.com).
 */
function batchResult(type: ObjectType, results: unknown[], missing: string[], startedAt: string) {
  const body = { status: "COMPLETE", results, startedAt, completedAt: new Date().toISOString() };
  if (missing.length === 0) return { code: 200, body };
  const label = type === "contacts" ? "CONTACT" : "COMPANY";
  const error = {
    status: "error",
    category: "OBJECT_NOT_FOUND",
    message: `Could not get some ${label} objects, they may be deleted or not exist. Check that ids are valid.`,
    context: { ids: missing },
    errors: [],
    links: {},
  };
  return { code: 207, body: { ...body, numErrors: 1, errors: [error] } };
}

const tooMany = (count: number) =>
  validationError(`Batch input contains ${count} inputs; the maximum is ${BATCH_LIMIT}.`);

/** The CRM v3 object paths for contacts and companies, against `store`. */
export function registerHubSpotObjectRoutes(scope: App, store: HubSpotStore): void {
  scope.get(
    "/crm/v3/objects/:objectType/:id",
    { schema: { params: RecordParams } },
    async (request, reply) => {
      const type = typeOf(request.params.objectType);
      const query = request.query as Query;
      const archived = query.archived === "true";
      const idProperty = typeof query.idProperty === "string" ? query.idProperty : undefined;
      const record =
        type &&
        (idProperty && idProperty !== "hs_object_id"
          ? store.findBy(type, idProperty, request.params.id)
          : store.get(type, request.params.id, { archived }));
      if (!type || !record) return reply.code(404).send(notFound());
      return view(type, record, listParam(query.properties));
    },
  );

  scope.patch(
    "/crm/v3/objects/:objectType/:id",
    { schema: { params: RecordParams, body: PropertiesBody } },
    async (request, reply) => {
      const type = typeOf(request.params.objectType);
      const invalid = type && invalidPropertyValues(type, request.body.properties);
      if (invalid) return reply.code(400).send(invalid);
      const record = type && store.update(type, request.params.id, request.body.properties);
      if (!type || !record) return reply.code(404).send(notFound());
      return view(type, record, Object.keys(request.body.properties));
    },
  );

  scope.delete(
    "/crm/v3/objects/:objectType/:id",
    { schema: { params: RecordParams } },
    async (request, reply) => {
      const type = typeOf(request.params.objectType);
      if (!type || !store.archive(type, request.params.id)) return reply.code(404).send(notFound());
      return reply.code(204).send();
    },
  );

  scope.post(
    "/crm/v3/objects/:objectType",
    { schema: { params: ObjectParams, body: PropertiesBody } },
    async (request, reply) => {
      const type = typeOf(request.params.objectType);
      if (!type) return reply.code(404).send(notFound());
      const record = store.create(type, request.body.properties);
      return reply.code(201).send(view(type, record, Object.keys(request.body.properties)));
    },
  );

  scope.post(
    "/crm/v3/objects/:objectType/batch/read",
    { schema: { params: ObjectParams, body: BatchReadBody } },
    async (request, reply) => {
      const type = typeOf(request.params.objectType);
      if (!type) return reply.code(404).send(notFound());
      const { inputs, properties = [], idProperty } = request.body;
      if (inputs.length > BATCH_LIMIT) return reply.code(400).send(tooMany(inputs.length));
      const startedAt = new Date().toISOString();
      const results: unknown[] = [];
      const missing: string[] = [];
      for (const { id } of inputs) {
        const record =
          idProperty && idProperty !== "hs_object_id"
            ? store.findBy(type, idProperty, id)
            : store.get(type, id);
        if (record) results.push(view(type, record, properties));
        else missing.push(id);
      }
      const { code, body } = batchResult(type, results, missing, startedAt);
      return reply.code(code).send(body);
    },
  );

  scope.post(
    "/crm/v3/objects/:objectType/batch/update",
    { schema: { params: ObjectParams, body: BatchUpdateBody } },
    async (request, reply) => {
      const type = typeOf(request.params.objectType);
      if (!type) return reply.code(404).send(notFound());
      const { inputs } = request.body;
      if (inputs.length > BATCH_LIMIT) return reply.code(400).send(tooMany(inputs.length));
      // one invalid input refuses the whole batch, as HubSpot does: nothing is written
      const invalid = inputs.map((input) => invalidPropertyValues(type, input.properties)).find(Boolean);
      if (invalid) return reply.code(400).send(invalid);
      const startedAt = new Date().toISOString();
      const results: unknown[] = [];
      const missing: string[] = [];
      for (const input of inputs) {
        const record = store.update(type, input.id, input.properties);
        if (record) results.push(view(type, record, Object.keys(input.properties)));
        else missing.push(input.id);
      }
      const { code, body } = batchResult(type, results, missing, startedAt);
      return reply.code(code).send(body);
    },
  );

  scope.post(
    "/crm/v3/objects/:objectType/batch/create",
    { schema: { params: ObjectParams, body: BatchCreateBody } },
    async (request, reply) => {
      const type = typeOf(request.params.objectType);
      if (!type) return reply.code(404).send(notFound());
      const { inputs } = request.body;
      if (inputs.length > BATCH_LIMIT) return reply.code(400).send(tooMany(inputs.length));
      const startedAt = new Date().toISOString();
      const results = inputs.map((input) =>
        view(type, store.create(type, input.properties), Object.keys(input.properties)),
      );
      return reply.code(201).send(batchResult(type, results, [], startedAt).body);
    },
  );

  scope.post(
    "/crm/v3/objects/:objectType/merge",
    { schema: { params: ObjectParams, body: MergeBody } },
    async (request, reply) => {
      const type = typeOf(request.params.objectType);
      const merged = type && store.merge(type, request.body.primaryObjectId, request.body.objectIdToMerge);
      if (!type || !merged) return reply.code(404).send(notFound());
      return view(type, merged);
    },
  );
}
