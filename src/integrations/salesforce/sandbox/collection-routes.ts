import type { FastifyReply } from "fastify";
import type { App } from "../../../http/app-deps.ts";
import { toId18 } from "../salesforce-id.ts";
import type { AccountStore } from "./account-store.ts";
import { NOT_FOUND, sfError, VERSION } from "./salesforce-errors.ts";

/** sObject Collections take at most 200 records per create/update call, 2,000 ids per retrieve. */
const COLLECTION_LIMIT = 200;
const RETRIEVE_LIMIT = 2_000;

interface SaveError {
  statusCode: string;
  message: string;
  fields: string[];
}

/**
 * The sandbox's sObject Collections (Accounts only), with Salesforce's shapes:
 * update (`PATCH composite/sobjects`) and create (`POST composite/sobjects`)
 * answer one SaveResult `{id, success, errors:[{statusCode, message, fields}]}`
 * per record, in order; retrieve (`POST composite/sobjects/Account`) answers
 * the records in the order asked, `null` for ids it cannot find.
 */
export function registerCollectionRoutes(app: App, store: AccountStore): void {
  app.patch<{ Params: { version: string } }>(
    "/services/data/:version/composite/sobjects",
    { schema: { body: { type: "object" } } },
    async (request, reply) => {
      const records = checkedRecords(request.params.version, request.body, reply);
      if (!records) return reply;
      const { allOrNone } = request.body as { allOrNone?: boolean };
      return updateCollection(store, records, allOrNone === true);
    },
  );

  app.post<{ Params: { version: string } }>(
    "/services/data/:version/composite/sobjects",
    { schema: { body: { type: "object" } } },
    async (request, reply) => {
      const records = checkedRecords(request.params.version, request.body, reply);
      if (!records) return reply;
      return records.map((record) => {
        const problem = typeProblem(record);
        if (problem) return { id: null, success: false, errors: [problem] };
        const { attributes: _attributes, ...fields } = record;
        return { id: store.create(fields).Id, success: true, errors: [] };
      });
    },
  );

  app.post<{ Params: { version: string; sobject: string } }>(
    "/services/data/:version/composite/sobjects/:sobject",
    { schema: { body: { type: "object" } } },
    async (request, reply) => {
      const { version, sobject } = request.params;
      if (!VERSION.test(version) || sobject.toLowerCase() !== "account")
        return reply.code(404).send(NOT_FOUND);
      const { ids, fields } = request.body as { ids?: unknown; fields?: unknown };
      if (!Array.isArray(ids) || !Array.isArray(fields) || ids.length > RETRIEVE_LIMIT) {
        return reply
          .code(400)
          .send(sfError("INVALID_FIELD", `ids (at most ${RETRIEVE_LIMIT}) and fields are required`));
      }
      const wanted = new Set(fields.map((field) => String(field).toLowerCase()));
      return ids.map((id) => {
        const record = toId18(String(id)) ? store.get(String(id)) : undefined;
        if (!record) return null;
        const selected = Object.entries(record).filter(([name]) => wanted.has(name.toLowerCase()));
        return {
          attributes: { type: "Account", url: `/services/data/${version}/sobjects/Account/${record.Id}` },
          ...Object.fromEntries(selected),
        };
      });
    },
  );
}

/** The records of a create/update body, or undefined once a 404/400 has been sent. */
function checkedRecords(version: string, body: unknown, reply: FastifyReply) {
  if (!VERSION.test(version)) {
    reply.code(404).send(NOT_FOUND);
    return undefined;
  }
  const { records } = body as { records?: unknown };
  if (!Array.isArray(records)) {
    reply.code(400).send(sfError("INVALID_FIELD", "records: a list of sObjects is required"));
    return undefined;
  }
  if (records.length > COLLECTION_LIMIT) {
    reply
      .code(400)
      .send(
        sfError(
          "EXCEEDED_ID_LIMIT",
          `record limit reached. cannot submit more than ${COLLECTION_LIMIT} records into this call`,
        ),
      );
    return undefined;
  }
  return records as Record<string, unknown>[];
}

function typeProblem(record: Record<string, unknown>): SaveError | undefined {
  const attributes = record.attributes as { type?: string } | undefined;
  if (attributes?.type?.toLowerCase() === "account") return undefined;
  return {
    statusCode: "INVALID_TYPE",
    message: "attributes.type must be Account in this sandbox",
    fields: [],
  };
}

/** sObject Collections update: one SaveResult per record, in order; allOrNone rolls every record back. */
function updateCollection(store: AccountStore, records: Record<string, unknown>[], allOrNone: boolean) {
  const problems = records.map((record): SaveError | undefined => {
    const id = String(record.id ?? record.Id ?? "");
    const problem = typeProblem(record);
    if (problem) return problem;
    if (!toId18(id)) return { statusCode: "MALFORMED_ID", message: `malformed id ${id}`, fields: ["Id"] };
    if (!store.get(id)) return { statusCode: "ENTITY_IS_DELETED", message: "entity is deleted", fields: [] };
    return undefined;
  });
  const failed = problems.some((problem) => problem !== undefined);
  return records.map((record, index) => {
    const id = String(record.id ?? record.Id ?? "");
    const problem = problems[index];
    if (problem) return { id: null, success: false, errors: [problem] };
    if (allOrNone && failed) {
      return {
        id: toId18(id),
        success: false,
        errors: [
          {
            statusCode: "ALL_OR_NONE_OPERATION_ROLLED_BACK",
            message:
              "Record rolled back because not all records were valid and the request was using AllOrNone header",
            fields: [],
          },
        ],
      };
    }
    const { attributes: _attributes, id: _id, Id: _Id, ...fields } = record;
    store.update(id, fields);
    return { id: toId18(id), success: true, errors: [] };
  });
}
