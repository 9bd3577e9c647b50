import { Type } from "typebox";
import { CRM_NAMES } from "../../integrations/crm-connection.ts";

/*
 * Bodies that routes read from their kept raw copy (they are optional, and an
 * unparseable one must not fail the request), so Fastify never sees a schema
 * for them. Documentation only.
 */

/** POST /v1/Netsuite/EnableSynch/{customerId}: both fields optional, the path names the customer. */
export const EnableSynchBodyDoc = Type.Object({
  fusebillId: Type.Optional(Type.Integer({ description: "Ignored: the path names the customer." })),
  netsuiteId: Type.Optional(
    Type.Unsafe<string | number>({
      type: ["string", "integer"],
      description: "When given, the customer is latched to this NetSuite record first.",
    }),
  ),
});

/** POST /v1/sync/replay: the CRM whose dead letters to replay; none replays every CRM. */
export const ReplayBodyDoc = Type.Object({
  crm: Type.Optional(Type.Unsafe<string>({ type: "string", enum: [...CRM_NAMES] })),
});
