import type { FastifyRequest } from "fastify";
import { type Static, Type } from "typebox";
import { Id } from "../../http/id-schema.ts";
import { normalizeToSchema } from "../../http/normalize-body.ts";
import { CANCELLATION_OPTIONS, SERVICE_START_OPTIONS } from "../customer-fields.ts";

/*
 * Wire schemas of the status endpoints (notes §0, §1.5). Unknown body fields
 * (the un-hold example's `prorate`) are dropped by the body normaliser, as
 * Json.NET ignores them.
 */
const customerId = Id();
const stringEnum = <T extends string>(values: readonly T[]) =>
  Type.Unsafe<T>({ type: "string", enum: [...values] });

/** The three booleans are required unless `preview=true`; the route checks that, as it depends on the query. */
export const ActivateCustomerBody = Type.Object({
  customerId,
  activateAllSubscriptions: Type.Optional(Type.Boolean()),
  activateAllDraftPurchases: Type.Optional(Type.Boolean()),
  temporarilyDisableAutoPost: Type.Optional(Type.Boolean()),
});
export type ActivateCustomerBody = Static<typeof ActivateCustomerBody>;

export const UnholdCustomerBody = Type.Object({
  customerId,
  serviceStartOption: stringEnum(SERVICE_START_OPTIONS),
  preview: Type.Optional(Type.Boolean()),
  showZeroDollarCharges: Type.Optional(Type.Boolean()),
  temporarilyDisableAutoPost: Type.Optional(Type.Boolean()),
});
export type UnholdCustomerBody = Static<typeof UnholdCustomerBody>;

export const CancelCustomerBody = Type.Object({
  customerId,
  cancellationOption: stringEnum(CANCELLATION_OPTIONS),
});
export type CancelCustomerBody = Static<typeof CancelCustomerBody>;

/**
 * Query options of activation and un-hold. `showZeroDollarCharges` and `view`
 * only shape invoices, which this service does not produce; they are accepted
 * and have no effect.
 */
export const StatusQuery = Type.Object({
  preview: Type.Optional(Type.Boolean()),
  showZeroDollarCharges: Type.Optional(Type.Boolean()),
  view: Type.Optional(Type.String()),
});
export type StatusQuery = Static<typeof StatusQuery>;

/**
 * preValidation hook: the docs write both `Preview=` and `preview=`, and .NET
 * binds query keys and boolean values (`True`) case-insensitively, so keys take
 * the schema's spelling and boolean words are lower-cased before validation.
 */
export async function normalizeStatusQuery(request: FastifyRequest): Promise<void> {
  const query = normalizeToSchema(StatusQuery, { ...(request.query as object) }) as Record<string, unknown>;
  for (const key of ["preview", "showZeroDollarCharges"]) {
    const value = query[key];
    if (typeof value === "string") query[key] = value.toLowerCase();
  }
  request.query = query;
}
