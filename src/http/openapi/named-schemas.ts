import type { TSchema } from "typebox";
import {
  CreateCustomerBody,
  CustomerResponse,
  ReplaceCustomerBody,
} from "../../customers/customer-schema.ts";
import {
  ActivateCustomerBody,
  CancelCustomerBody,
  UnholdCustomerBody,
} from "../../customers/status/status-schema.ts";
import { ConnectionView } from "../../integrations/connection-view.ts";
import {
  AccountSyncResponse,
  CrmQueueStats,
  CrmSyncState,
  CustomerSyncResponse,
  ReplayResponse,
} from "../../sync/routes/sync-schemas.ts";
import { ErrorEnvelope } from "./error-envelope.ts";

/**
 * The wire schemas that get a name in `components.schemas` (the SDK's type
 * names). A route schema is recognised by its content, so the routes keep
 * passing their schemas to Fastify untouched.
 */
const NAMED: [string, TSchema][] = [
  ["Customer", CustomerResponse],
  ["CustomerCreate", CreateCustomerBody],
  ["CustomerReplace", ReplaceCustomerBody],
  ["CustomerActivation", ActivateCustomerBody],
  ["CustomerUnhold", UnholdCustomerBody],
  ["CustomerCancellation", CancelCustomerBody],
  ["CustomerSync", CustomerSyncResponse],
  ["CrmSyncState", CrmSyncState],
  ["AccountSync", AccountSyncResponse],
  ["CrmQueueStats", CrmQueueStats],
  ["SyncReplayResult", ReplayResponse],
  ["Connection", ConnectionView],
  ["ErrorEnvelope", ErrorEnvelope],
];

type Schema = Record<string, unknown>;

export const SCHEMA_NAMES: ReadonlySet<string> = new Set(NAMED.map(([name]) => name));

let byContent: Map<string, string> | undefined;

function contentKey(schema: unknown): string {
  const { title: _title, "x-examples": _examples, ...rest } = schema as Schema;
  return JSON.stringify(rest);
}

/** The name of a schema with the same content as a registered one, if any. */
export function schemaName(schema: unknown): string | undefined {
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) return undefined;
  byContent ??= new Map(NAMED.map(([name, registered]) => [contentKey(registered), name]));
  return byContent.get(contentKey(schema));
}

/** A copy of `schema` whose registered parts (at any depth) carry their name as `title`. */
export function nameSchemas<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map((item) => nameSchemas(item)) as T;
  if (!schema || typeof schema !== "object") return schema;
  const copy: Schema = {};
  for (const [key, value] of Object.entries(schema as Schema)) copy[key] = nameSchemas(value);
  const name = schemaName(schema);
  if (name) copy.title = name;
  return copy as T;
}
