import { type Static, Type } from "typebox";
import { ACCOUNT_MODES, type AccountMode } from "../db/schema.ts";
import { CRM_NAMES, type CrmName } from "./crm-connection.ts";

const NullableString = Type.Unsafe<string | null>({ type: ["string", "null"] });

/**
 * Whether a connection's credentials work, as the sync worker last found them
 * (see connection-health.ts).
 */
export const ConnectionHealth = Type.Object(
  {
    status: Type.Unsafe<"ok" | "failing">({ type: "string", enum: ["ok", "failing"] }),
    lastError: NullableString,
    failedAt: NullableString,
    nextProbeAt: Type.Unsafe<string | null>({
      type: ["string", "null"],
      description:
        "When the worker tries a failing sandbox connection again; null for configured ones (they wait for a PUT).",
    }),
  },
  { title: "ConnectionHealth" },
);
export type ConnectionHealthView = Static<typeof ConnectionHealth>;

/**
 * What GET, PUT and DELETE /v1/integrations/{crm} answer: never a credential,
 * only which ones are stored. The one definition of the answer: the service's
 * type and the OpenAPI document both come from it.
 */
export const ConnectionView = Type.Object(
  {
    crm: Type.Unsafe<CrmName>({ type: "string", enum: [...CRM_NAMES] }),
    mode: Type.Unsafe<AccountMode>({
      type: "string",
      enum: [...ACCOUNT_MODES],
      description:
        "The account's mode: `test` falls back to the built-in sandbox CRM until one is configured; `live` never does, and may call only public https hosts.",
    }),
    source: Type.Unsafe<"configured" | "sandbox" | "none">({
      type: "string",
      enum: ["configured", "sandbox", "none"],
      description:
        "`configured` (stored by PUT), `sandbox` (the built-in fallback of a test account) or `none` (a live account, or sandboxes off).",
    }),
    baseUrl: NullableString,
    credentialFields: Type.Array(Type.String(), {
      description: "Which credentials are stored; their values are never returned.",
    }),
    settings: Type.Record(Type.String(), Type.Unknown()),
    createdTimestamp: NullableString,
    modifiedTimestamp: NullableString,
    health: Type.Object(ConnectionHealth.properties, {
      description: "`failing` once the CRM refused the credentials during sync.",
    }),
  },
  { title: "Connection" },
);
export type ConnectionView = Static<typeof ConnectionView>;
