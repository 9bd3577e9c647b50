import { Type } from "typebox";

/*
 * The one definition of "an id" this API takes, in a body, a path or a list
 * filter: a customer id, or a CRM record id we store in a bigint column.
 * Ids are bigint columns read as JS numbers, so the largest is the largest
 * integer a double holds exactly; anything outside 1 … MAX_ID would fail in the
 * database (or match the wrong row) instead of being a 400. Both bounds matter:
 * -1e20, -Infinity ("-Infinity" coerces to it) and -2^63-1 are integers to the
 * validator, and only the minimum stops them.
 */
export const MAX_ID = Number.MAX_SAFE_INTEGER;

/** A required id: the validator answers 400 "{field} must be at least 1." and the like. */
export const Id = (options: { description?: string } = {}) =>
  Type.Integer({ minimum: 1, maximum: MAX_ID, ...options });

/** An id that may be null (`type: [T, "null"]`, so that Ajv can coerce, as the customer schemas do). */
export const NullableId = () =>
  Type.Unsafe<number | null>({ type: ["integer", "null"], minimum: 1, maximum: MAX_ID });

/**
 * An id written as text (a list filter value): decimal digits only, as a path
 * segment or a .NET `long` would be, within 1 … MAX_ID; undefined otherwise.
 */
export function parseIdText(text: string): number | undefined {
  if (!/^\+?\d{1,16}$/.test(text)) return undefined;
  const id = Number(text);
  return id >= 1 && id <= MAX_ID ? id : undefined;
}
