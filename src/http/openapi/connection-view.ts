import { Type } from "typebox";
import { CRM_NAMES } from "../../integrations/crm-connection.ts";

/**
 * What GET, PUT and DELETE /v1/integrations/{crm} answer (ConnectionView in
 * src/integrations/connection-service.ts, which has no wire schema: the routes
 * answer through JSON.stringify). Documentation only; open to fields added later.
 */
export const ConnectionView = Type.Object(
  {
    crm: Type.Unsafe<string>({ type: "string", enum: [...CRM_NAMES] }),
    source: Type.Unsafe<string>({
      type: "string",
      enum: ["configured", "sandbox", "none"],
      description:
        "`configured` (stored by PUT), `sandbox` (the built-in fallback) or `none` (sandboxes off).",
    }),
    baseUrl: Type.Unsafe<string | null>({ type: ["string", "null"] }),
    credentialFields: Type.Array(Type.String(), {
      description: "Which credentials are stored; their values are never returned.",
    }),
    settings: Type.Object({}, { additionalProperties: true }),
    createdTimestamp: Type.Unsafe<string | null>({ type: ["string", "null"] }),
    modifiedTimestamp: Type.Unsafe<string | null>({ type: ["string", "null"] }),
  },
  { title: "Connection", additionalProperties: true },
);
