import { BadRequestError } from "../../errors/api-error.ts";
import { messages } from "../../errors/messages.ts";
import { MAX_ID, parseIdText } from "../../http/id-schema.ts";
import { FILTER_NAMES, type FilterField, findFilterField } from "./filter-fields.ts";

/** A bound of a range: a decimal stays a string so that numeric precision is PostgreSQL's. */
export type Bound = number | string | Date;

/** One condition of `query`, already checked against its field. */
export type Condition =
  /** text: null or "" */
  | { field: FilterField; op: "empty" }
  /** text: equal, ignoring case */
  | { field: FilterField; op: "equals"; value: string }
  /** text with `*`: a LIKE pattern whose user characters are escaped, matched ignoring case */
  | { field: FilterField; op: "like"; pattern: string }
  /** enum, integer, decimal: one of the values, or unset when `orEmpty` */
  | { field: FilterField; op: "in"; values: (string | number)[]; orEmpty: boolean }
  /** integer, decimal, timestamp: from inclusive, to exclusive */
  | { field: FilterField; op: "range"; from: Bound | undefined; to: Bound | undefined };

const EMPTY = "[empty]";

/**
 * Parses Fusebill's `query` syntax (notes §1.9): `name:value` conditions joined
 * by `;` (AND). Throws a 400 naming the condition that cannot be understood.
 */
export function parseQuery(query: string | undefined): Condition[] {
  if (query === undefined) return [];
  const conditions: Condition[] = [];
  for (const part of query.split(";")) {
    if (part.trim() === "") continue;
    const colon = part.indexOf(":");
    if (colon <= 0) throw new BadRequestError(messages.listMalformedCondition(part.trim()));
    const name = part.slice(0, colon).trim();
    const value = part.slice(colon + 1).trim();
    const field = findFilterField(name);
    if (!field) throw new BadRequestError(messages.listUnknownFilter(name, FILTER_NAMES));
    if (value === "") throw new BadRequestError(messages.listMissingValue(name));
    const condition = parseCondition(field, name, value);
    if (condition) conditions.push(condition);
  }
  return conditions;
}

/** undefined: the condition constrains nothing (an open range `|`). */
function parseCondition(field: FilterField, name: string, value: string): Condition | undefined {
  const isEmpty = value.toLowerCase() === EMPTY;
  switch (field.kind) {
    case "text":
      if (isEmpty) return { field, op: "empty" };
      if (value.includes("*")) return { field, op: "like", pattern: toLikePattern(value) };
      return { field, op: "equals", value };
    case "enum":
      return parseList(field, name, value, (item) => {
        const match = field.values?.find((allowed) => allowed.toLowerCase() === item.toLowerCase());
        if (match === undefined) {
          throw new BadRequestError(messages.listBadEnumValue(name, item, field.values ?? []));
        }
        return match;
      });
    case "id": {
      const parseId = (item: string) => {
        const id = parseIdText(item);
        if (id === undefined) throw new BadRequestError(messages.listBadId(name, value, MAX_ID));
        return id;
      };
      if (value.includes("|")) return parseRange(field, value, parseId);
      return parseList(field, name, value, parseId);
    }
    case "integer": {
      const parseInteger = (item: string) => {
        if (!/^[+-]?\d{1,15}$/.test(item)) throw new BadRequestError(messages.listBadInteger(name, value));
        return Number(item);
      };
      if (value.includes("|")) return parseRange(field, value, parseInteger);
      return parseList(field, name, value, parseInteger);
    }
    case "decimal": {
      const parseDecimal = (item: string) => {
        if (!/^[+-]?(\d{1,15}(\.\d{0,4})?|\.\d{1,4})$/.test(item)) {
          throw new BadRequestError(messages.listBadDecimal(name, value));
        }
        return item;
      };
      if (value.includes("|")) return parseRange(field, value, parseDecimal);
      if (isEmpty) return { field, op: "in", values: [], orEmpty: true };
      return { field, op: "in", values: [parseDecimal(value)], orEmpty: false };
    }
    case "timestamp": {
      const parse = (item: string) => {
        const instant = parseInstant(item);
        if (!instant) throw new BadRequestError(messages.listBadTimestamp(name, value));
        return instant;
      };
      if (value.includes("|")) return parseRange(field, value, (item) => parse(item).start);
      // a single value matches its whole stated precision: 2019-01-01 is that day
      const { start, unitMs } = parse(value);
      return { field, op: "range", from: start, to: new Date(start.getTime() + unitMs) };
    }
  }
}

/** `a,b,[empty]`: any of the values, or unset. */
function parseList(
  field: FilterField,
  name: string,
  value: string,
  parseItem: (item: string) => string | number,
): Condition {
  const values: (string | number)[] = [];
  let orEmpty = false;
  for (const raw of value.split(",")) {
    const item = raw.trim();
    if (item === "") continue;
    if (item.toLowerCase() === EMPTY) orEmpty = true;
    else values.push(parseItem(item));
  }
  if (values.length === 0 && !orEmpty) throw new BadRequestError(messages.listMissingValue(name));
  return { field, op: "in", values, orEmpty };
}

/** `from|to`, either side may be empty; `|` alone constrains nothing. */
function parseRange(
  field: FilterField,
  value: string,
  parseBound: (item: string) => Bound,
): Condition | undefined {
  const [rawFrom = "", rawTo = "", ...rest] = value.split("|").map((side) => side.trim());
  if (rest.length > 0) parseBound(value); // throws the field's own message
  const from = rawFrom === "" ? undefined : parseBound(rawFrom);
  const to = rawTo === "" ? undefined : parseBound(rawTo);
  if (from === undefined && to === undefined) return undefined;
  return { field, op: "range", from, to };
}

/** `Sm*th` → `sm%th` with `%`, `_` and `\` of the user's text escaped (PostgreSQL's default LIKE escape is `\`). */
export function toLikePattern(value: string): string {
  return value
    .split("*")
    .map((piece) => piece.replace(/[\\%_]/g, (char) => `\\${char}`))
    .join("%");
}

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(Z|[+\- ]\d{2}(?::?\d{2})?)?$/i;

/**
 * An instant in UTC unless an offset is given (notes §2.6: times are UTC);
 * `unitMs` is the precision the value was written with. A `+` that arrived
 * unencoded in the query string reads as a space, so a space before the
 * offset is taken as `+`.
 */
export function parseInstant(text: string): { start: Date; unitMs: number } | undefined {
  const match = INSTANT.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const parts = [year, month, day, hour ?? "0", minute ?? "0", second ?? "0"].map(Number) as number[];
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = parts;
  const ms = fraction ? Number(fraction.slice(0, 3).padEnd(3, "0")) : 0;
  if (zone && hour === undefined) return undefined;
  const local = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const check = new Date(local);
  if (
    check.getUTCFullYear() !== y ||
    check.getUTCMonth() !== mo - 1 ||
    check.getUTCDate() !== d ||
    h > 23 ||
    mi > 59 ||
    s > 59
  ) {
    return undefined;
  }
  const unitMs =
    hour === undefined ? 86_400_000 : second === undefined ? 60_000 : fraction === undefined ? 1000 : 1;
  return { start: new Date(local - offsetMinutes(zone) * 60_000), unitMs };
}

function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === "Z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || "0");
  return sign * (hours * 60 + minutes);
}
