import { type Static, Type } from "typebox";
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
    source: Type.Unsafe<"configured" | "sandbox" | "none">({
      type: "string",
      enum: ["configured", "sandbox", "none"],
      description:
        "`configured` (stored by PUT), `sandbox` (the built-in fallback) or `none` (sandboxes off).",
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
