import fc from "fast-check";
import type { RouteInfo } from "./fuzz-support.ts";

/** What a fuzz request may refer to: the two accounts' keys and customer ids. */
export interface FuzzWorld {
  routes: RouteInfo[];
  keyA: string;
  keyB: string;
  idsA: number[];
  idsB: number[];
}

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

const METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"];
const CRMS = ["salesforce", "hubspot", "netsuite", "SalesForce", "NETSUITE", "quickbooks", ""];
const FIELD_NAMES = [
  "id",
  "customerId",
  "fusebillId",
  "status",
  "firstName",
  "lastName",
  "currency",
  "parentId",
  "title",
  "salesTrackingCodes",
  "customerReference",
  "customerAcquisition",
  "salesforceId",
  "netsuiteId",
  "hubSpotId",
  "hubSpotCompanyId",
  "forceLatch",
  "crm",
  "credentials",
  "settings",
  "baseUrl",
  "preview",
  "__proto__",
  "constructor",
];
const QUERY_KEYS = [
  "query",
  "pageSize",
  "pageNumber",
  "sortOrder",
  "sortExpression",
  "preview",
  "Preview",
  "view",
  "crm",
];
/**
 * Ids outside 1 … 2^63-1 as a client can write them: integers to a JSON
 * validator that are no bigint (-1e20), relaxed JSON's -Infinity and NaN, one
 * past the bigint range on either side. Used raw in bodies (and quoted, which
 * coercion turns into numbers), as path segments and in list filters.
 */
const OUT_OF_RANGE_IDS = [
  "-1e20",
  "1e20",
  "-Infinity",
  "Infinity",
  "NaN",
  "-9223372036854775809",
  "-9223372036854775808",
  "9223372036854775808",
  "9223372036854775807",
  "1e999",
  "-0",
];
const TRICKY = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff",
  "💥",
  "'",
  '"',
  "\\",
  "%",
  "%zz",
  "%00",
  "%c0%af",
  "null",
  "true",
  "-1",
  "0",
  "1e309",
  "NaN",
  "[empty]",
  "*",
  "|",
  ";",
  ",",
  ":",
  "../..",
  "é",
  "\r\n",
  "lastName:Sm*;status:Active,Draft",
  "id:1|",
  "createdTimestamp:2024-01-01|",
  "modifiedTimestamp:9999-99-99",
  "monthlyRecurringRevenue:1e400|",
  "id:99999999999999999999",
  "Ascending",
  "Descending",
  "lastName",
  "x".repeat(300),
  "9".repeat(400),
  "é".repeat(5000),
];

const text = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 1, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.string({ unit: "binary" }) },
);

/** Characters a real HTTP parser lets through in a header value. */
const headerText = fc.string({
  unit: fc
    .integer({ min: 0x20, max: 0xff })
    .filter((code) => code !== 0x7f)
    .map((code) => String.fromCharCode(code)),
  maxLength: 60,
});

function nested(depth: number, object: boolean): string {
  return object
    ? `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`
    : `${"[".repeat(depth)}${"]".repeat(depth)}`;
}

/** JSON-ish text for one value: well-formed JSON, numbers JSON cannot hold, relaxed forms, depth and size. */
const rawValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? "null") },
  { weight: 3, arbitrary: text.map((value) => JSON.stringify(value)) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "1e400",
      "-1e400",
      "-0",
      "12345678901234567890123456789",
      "2147483648",
      "-2147483649",
      "9007199254740993",
      ...OUT_OF_RANGE_IDS,
      "1.5",
      "true",
      "false",
      "null",
      "[]",
      "{}",
      "'single'",
      "undefined",
      "NaN",
      "Infinity",
      "0x1F",
      ".5",
      "+1",
      '"\\u0000"',
      '"\\ud800"',
      '"\\uDC00x"',
      '"1"',
      '"-5"',
      '"True"',
      '"2024-01-01"',
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(10, 1_000, 20_000), fc.boolean())
      .map(([depth, object]) => nested(depth, object)),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(300, 70_000, 1_100_000).map((length) => `"${"x".repeat(length)}"`),
  },
);

/** Where sampleBody puts the id under test: it is written as raw body text, which JSON.stringify could not hold. */
const ID = Symbol("id");

/** A plausible body for each endpoint that takes one, which the mutations then spoil. */
function sampleBody(method: string, path: string, id: typeof ID): Record<string, unknown> {
  switch (`${method} ${path}`) {
    case "POST /v1/customers":
      return { firstName: "Ann", lastName: "Lee", primaryEmail: "ann@example.com", currency: "USD" };
    case "PUT /v1/customers":
      return {
        id,
        status: "Draft",
        firstName: "Bo",
        title: "Dr",
        salesTrackingCodes: [{ type: "A", code: "c" }],
      };
    case "POST /v1/customeractivation":
      return {
        customerId: id,
        activateAllSubscriptions: true,
        activateAllDraftPurchases: true,
        temporarilyDisableAutoPost: false,
      };
    case "POST /v1/customers/unhold":
      return { customerId: id, serviceStartOption: "NoChargesForMissedPeriods" };
    case "POST /v1/customercancellation":
      return { customerId: id, cancellationOption: "None" };
    case "PUT /v1/integrations/:crm":
      return {
        baseUrl: "http://127.0.0.1:9",
        credentials: { clientId: "a", clientSecret: "b", accessToken: "c" },
        settings: { timeoutMs: 200 },
      };
    case "POST /v1/hubspot/latchcustomer":
      return { fusebillId: id, hubSpotId: 101, hubSpotCompanyId: 202 };
    case "POST /v1/salesforce/latch":
      return { fusebillId: id, salesforceId: "0014100000JJ3wtAAD", forceLatch: true };
    case "POST /v1/netsuite/latchcustomer":
      return { fusebillId: id, netsuiteId: "1744203" };
    case "POST /v1/netsuite/unlatchcustomer":
      return { fusebillId: id };
    case "POST /v1/netsuite/enablesynch/:customerid":
      return { netsuiteId: "1744203" };
    case "POST /v1/sync/replay":
      return { crm: "salesforce" };
    default:
      return { customerId: id, fusebillId: id };
  }
}

type Entries = [string, string][];

const mutation = (entries: Entries) =>
  fc.oneof(
    fc.tuple(fc.nat(), rawValue).map(([index, value]): Entries => {
      if (entries.length === 0) return [["id", value]];
      const at = index % entries.length;
      return entries.map((entry, i) => (i === at ? [entry[0], value] : entry));
    }),
    fc.nat().map((index): Entries => entries.filter((_, i) => i !== index % Math.max(entries.length, 1))),
    fc
      .nat()
      .map(
        (index): Entries =>
          entries.map((entry, i) =>
            i === index % Math.max(entries.length, 1) ? [entry[0].toUpperCase(), entry[1]] : entry,
          ),
      ),
    fc
      .tuple(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string()), rawValue)
      .map(([key, value]): Entries => [...entries, [key, value]]),
  );

function serialize(entries: Entries, style: "json" | "relaxed" | "single", trailingComma: boolean): string {
  const key = (name: string) => {
    if (style === "json") return JSON.stringify(name);
    if (style === "relaxed" && /^[A-Za-z_$][\w$]*$/.test(name)) return name;
    return `'${name.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  };
  const members = entries.map(([name, value]) => `${key(name)}:${value}`).join(",");
  return `{${members}${trailingComma && entries.length > 0 ? "," : ""}}`;
}

const BAD_BYTES = [
  [0xff],
  [0xfe, 0xff],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0x00],
];

function bodyArbitrary(
  method: string,
  path: string,
  id: fc.Arbitrary<string>,
): fc.Arbitrary<string | Buffer | undefined> {
  const sampleText = fc
    .tuple(
      // out-of-range ids often: the one route whose body id lacked a lower bound is 1 of ~25 fuzzed
      fc.oneof(
        { weight: 2, arbitrary: id },
        { weight: 1, arbitrary: id.map((text) => JSON.stringify(text)) },
        { weight: 2, arbitrary: fc.constantFrom(...OUT_OF_RANGE_IDS) },
      ),
      fc.integer({ min: 0, max: 3 }),
      fc.constantFrom("json" as const, "relaxed" as const, "single" as const),
      fc.boolean(),
    )
    .chain(([customerId, mutations, style, trailingComma]) => {
      let entries: fc.Arbitrary<Entries> = fc.constant(
        Object.entries(sampleBody(method, path, ID)).map(([k, v]): [string, string] => [
          k,
          v === ID ? customerId : JSON.stringify(v),
        ]),
      );
      for (let i = 0; i < mutations; i++) entries = entries.chain(mutation);
      return entries.map((list) => serialize(list, style, trailingComma));
    });
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 8, arbitrary: sampleText },
    { weight: 1, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value) ?? "") },
    { weight: 1, arbitrary: text },
    {
      weight: 1,
      arbitrary: fc
        .tuple(sampleText, fc.nat())
        .map(([body, cut]) => body.slice(0, cut % Math.max(body.length, 1))),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(1_000, 20_000, 200_000), fc.boolean())
        .map(([depth, object]) => nested(depth, object)),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(sampleText, fc.nat(), fc.constantFrom(...BAD_BYTES)).map(([body, at, bytes]) => {
        const raw = Buffer.from(body);
        const cut = at % (raw.length + 1);
        return Buffer.concat([raw.subarray(0, cut), Buffer.from(bytes), raw.subarray(cut)]);
      }),
    },
  );
}

function mutatePath(path: string, flips: number[], trailingSlash: boolean, doubleSlash: boolean): string {
  let out = [...path].map((char, i) => (flips.includes(i) ? char.toUpperCase() : char)).join("");
  if (doubleSlash) out = out.replace("/", "//");
  return trailingSlash ? `${out}/` : out;
}

/** Percent-encodes the UTF-8 bytes (a lone surrogate becomes U+FFFD, as on the wire), or sends printable ASCII raw. */
function encodeMaybe(value: string, raw: boolean): string {
  if (raw && /^[\x21-\x7e]*$/.test(value) && !/[#?&]/.test(value)) return value;
  return [...Buffer.from(value)]
    .map((byte) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).padStart(2, "0").toUpperCase()}`,
    )
    .join("");
}

/** One request to one of the app's routes (or, now and then, to none). */
export function requestArbitrary(world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  // ids as text: the same values go into bodies (raw JSON), paths and queries
  const id = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...world.idsA).map(String) },
    { weight: 2, arbitrary: fc.constantFrom(...world.idsB).map(String) },
    { weight: 1, arbitrary: fc.constantFrom("0", "-1", "999999999", "2147483648") },
    { weight: 2, arbitrary: fc.constantFrom(...OUT_OF_RANGE_IDS) },
  );
  const param = (name: string) =>
    name === "crm"
      ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...CRMS) }, { weight: 1, arbitrary: text })
      : fc.oneof(
          { weight: 6, arbitrary: id },
          { weight: 2, arbitrary: text },
          { weight: 1, arbitrary: fc.constantFrom("1e3", "0x10", "1.0", " 1", "99999999999999999999999") },
        );
  const authorization = fc.oneof(
    { weight: 12, arbitrary: fc.constant(`Basic ${world.keyA}`) },
    { weight: 2, arbitrary: fc.constant(`Basic ${world.keyB}`) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        undefined,
        "",
        "Basic",
        "Basic ",
        `basic ${world.keyA}`,
        `Bearer ${world.keyA}`,
        `Basic ${world.keyA} ${world.keyA}`,
        `Basic ${Buffer.from(`0:${world.keyA}`).toString("base64")}`,
        `Basic ${Buffer.from(`${world.keyA}:`).toString("base64")}`,
        `Basic ${world.keyA.slice(0, -1)}`,
        `Basic ${"A".repeat(10_000)}`,
        "Basic =",
        "Basic !!!",
      ),
    },
    { weight: 1, arbitrary: headerText.map((value) => `Basic ${value}`) },
    { weight: 1, arbitrary: headerText },
  );
  const contentType = fc.oneof(
    { weight: 8, arbitrary: fc.constant("application/json") },
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        undefined,
        "",
        "text/plain",
        "application/json; charset=utf-8",
        "application/json; charset=utf-16",
        "APPLICATION/JSON",
        "application/vnd.api+json",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "text/html",
        "application/octet-stream",
        "json",
        ";",
      ),
    },
    { weight: 1, arbitrary: headerText },
  );
  // beside text of every kind: list filters on ids (`query=parentId:…`) and ids as query parameters
  const idFilter = fc
    .tuple(fc.constantFrom("id", "parentId", "ParentId"), id, fc.constantFrom("", "|", ",1"))
    .map(([name, value, tail]) => `${name}:${value}${tail}`);
  const query = fc
    .array(
      fc.oneof(
        {
          weight: 4,
          arbitrary: fc.tuple(
            fc.oneof(
              { weight: 4, arbitrary: fc.constantFrom(...QUERY_KEYS) },
              { weight: 1, arbitrary: text },
            ),
            text,
            fc.boolean(),
          ),
        },
        { weight: 1, arbitrary: fc.tuple(fc.constant("query"), idFilter, fc.boolean()) },
        { weight: 1, arbitrary: fc.tuple(fc.constantFrom("id", "customerId", "parentId"), id, fc.boolean()) },
      ),
      { maxLength: 4 },
    )
    .map((pairs) =>
      pairs.length === 0
        ? ""
        : `?${pairs.map(([key, value, raw]) => `${encodeMaybe(key, raw)}=${encodeMaybe(value, raw)}`).join("&")}`,
    );
  // every endpoint (route and method) equally: `/v1/customers` serves three, each with its own body
  const endpoints = world.routes.flatMap((route) => route.methods.map((method) => ({ route, method })));
  const routed = fc.constantFrom(...endpoints).chain(({ route, method: routeMethod }) => {
    const names = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1] as string);
    return fc
      .record({
        method: fc.oneof(
          { weight: 9, arbitrary: fc.constant(routeMethod) },
          { weight: 1, arbitrary: fc.constantFrom(...METHODS) },
        ),
        params: fc.tuple(...names.map((name) => fc.tuple(param(name), fc.boolean()))),
        flips: fc.array(fc.nat({ max: route.path.length }), { maxLength: 4 }),
        trailingSlash: fc.boolean(),
        doubleSlash: fc.boolean(),
        query,
        authorization,
        contentType,
        contentLength: fc.option(fc.constantFrom("0", "1", "-1", "abc", "99999999", "1e3"), { freq: 20 }),
        requestId: fc.option(headerText, { freq: 10 }),
      })
      .chain((parts) =>
        bodyArbitrary(parts.method, route.path, id).map((payload): FuzzRequest => {
          let index = 0;
          const filled = route.path.replace(/:(\w+)/g, () => {
            const [value, raw] = parts.params[index++] as [string, boolean];
            return encodeMaybe(value, raw);
          });
          const headers: Record<string, string> = {};
          if (parts.authorization !== undefined) headers.authorization = parts.authorization;
          if (parts.contentType !== undefined) headers["content-type"] = parts.contentType;
          if (parts.contentLength !== null && payload !== undefined)
            headers["content-length"] = parts.contentLength;
          if (parts.requestId !== null) headers["x-request-id"] = parts.requestId;
          return {
            method: parts.method,
            url: mutatePath(filled, parts.flips, parts.trailingSlash, parts.doubleSlash) + parts.query,
            headers,
            ...(payload === undefined ? {} : { payload }),
          };
        }),
      );
  });
  const stray = fc
    .record({
      method: fc.constantFrom(...METHODS),
      path: fc.oneof(
        fc.webPath(),
        text.map((value) => `/v1/${encodeMaybe(value, false)}`),
        fc.constantFrom(
          "/",
          "//",
          "/v1",
          "/v1/",
          "/V1/CUSTOMERS/%",
          "/v1/customers/%zz",
          "/v1/customers/..%2f..",
          "*",
        ),
      ),
    })
    .map(
      ({ method, path }): FuzzRequest => ({
        method,
        // a request line always has a path
        url: path.startsWith("/") ? path : `/${path}`,
        headers: { authorization: `Basic ${world.keyA}`, "content-type": "application/json" },
      }),
    );
  return fc.oneof({ weight: 19, arbitrary: routed }, { weight: 1, arbitrary: stray });
}

/** A short, printable account of a request for failure messages. */
export function describeRequest(request: FuzzRequest): string {
  const payload =
    request.payload === undefined
      ? "no body"
      : Buffer.isBuffer(request.payload)
        ? `bytes ${request.payload.subarray(0, 300).toString("hex")}`
        : `body ${JSON.stringify(request.payload.slice(0, 300))} (${request.payload.length} chars)`;
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [
      name,
      value.length > 100 ? `${value.slice(0, 100)}…` : value,
    ]),
  );
  return `${request.method} ${request.url.slice(0, 300)} ${JSON.stringify(headers)} ${payload}`;
}
