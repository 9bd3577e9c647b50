import type { FastifyInstance, FastifyRequest } from "fastify";
import { ApiError, BadRequestError } from "../errors/api-error.ts";
import { messages } from "../errors/messages.ts";
import { normalizeToSchema } from "./normalize-body.ts";
import { decodeUtf8, parseRelaxedJson } from "./relaxed-json.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** Why the body could not be read; only reported by routes that take a body. */
    bodyError?: ApiError;
  }
}

const JSONISH = /^(application\/(.+\+)?json|text\/(json|plain))\b/i;

/**
 * Bodies are parsed leniently and errors are deferred: the spec's NetSuite
 * EnableSynch curl sends `{fusebillId:{customerId}'}` to an endpoint that takes
 * no body, and claygorman's client posts empty form-encoded bodies; those must
 * work. A route with a body schema reports the deferred error instead.
 */
export function registerBodyParsing(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  // bytes, not a string: Node's own decoding would turn invalid UTF-8 into U+FFFD and store that
  app.addContentTypeParser("*", { parseAs: "buffer" }, (request, body, done) => {
    const text = decodeUtf8(body as Buffer);
    if (text?.trim() === "") return done(null, undefined);
    const contentType = request.headers["content-type"] ?? "";
    if (contentType && !JSONISH.test(contentType)) {
      request.bodyError = new ApiError(415, messages.unsupportedMediaType(contentType));
      return done(null, undefined);
    }
    if (text === undefined) {
      request.bodyError = new BadRequestError(messages.bodyNotUtf8);
      return done(null, undefined);
    }
    let parsed: unknown;
    try {
      parsed = parseRelaxedJson(text);
    } catch (error) {
      request.bodyError = new BadRequestError(messages.bodyNotJson((error as Error).message));
      return done(null, undefined);
    }
    // the recursive steps after parsing (normalising, validating) would overflow the stack on 20,000 levels
    if (deeperThan(parsed, MAX_DEPTH)) {
      request.bodyError = new BadRequestError(messages.bodyTooDeep(MAX_DEPTH));
      return done(null, undefined);
    }
    // JSON reads 1e999 as Infinity (relaxed JSON also NaN); coerced to a string it would be stored as "Infinity"
    const nonFinite = fieldWhere(parsed, (value) => typeof value === "number" && !Number.isFinite(value));
    if (nonFinite !== undefined) {
      request.bodyError = new BadRequestError(
        messages.numberNotFinite(nonFinite.field, nonFinite.value as number),
      );
      return done(null, undefined);
    }
    done(null, parsed);
  });

  app.addHook("preValidation", async (request: FastifyRequest) => {
    // `?query=lastName:%00` would otherwise reach the database as a search parameter and fail there
    const urlField = fieldWhere(
      { ...(request.params as object), ...(request.query as object) },
      hasNul,
    )?.field;
    if (urlField !== undefined) throw new BadRequestError(messages.nulCharacterInUrl(urlField));
    const schema = request.routeOptions.schema?.body as Parameters<typeof normalizeToSchema>[0] | undefined;
    if (!schema) {
      request.body = undefined;
      return;
    }
    if (request.bodyError) throw request.bodyError;
    if (request.body === undefined || request.body === null) throw new BadRequestError(messages.bodyRequired);
    if (typeof request.body !== "object" || Array.isArray(request.body)) {
      throw new BadRequestError(messages.bodyNotJson("expected a JSON object"));
    }
    request.body = normalizeToSchema(schema, request.body);
    const field = fieldWhere(request.body, hasNul)?.field;
    if (field !== undefined) throw new BadRequestError(messages.nulCharacter(field));
  });
}

/** Json.NET's default MaxDepth (since 13.0.1), so the .NET stack Fusebill runs likely refuses the same bodies. */
const MAX_DEPTH = 64;

/** Whether objects and arrays nest more than `limit` levels deep; iterative, as the input may not fit the stack. */
function deeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, depth] = next;
    if (item === null || typeof item !== "object") continue;
    if (depth > limit) return true;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}

/** PostgreSQL's text and jsonb cannot hold U+0000, so a string with one would fail in the database. */
const hasNul = (value: unknown) => typeof value === "string" && value.includes("\u0000");

/**
 * The first value that `test` picks, with the name of its field ("a.b[0].c", or
 * "the body" for the whole), so that the 400 says where the problem is.
 */
function fieldWhere(
  value: unknown,
  test: (value: unknown) => boolean,
  path = "",
): { field: string; value: unknown } | undefined {
  if (test(value)) return { field: path || "the body", value };
  if (value === null || typeof value !== "object") return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = fieldWhere(
      item,
      test,
      Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key,
    );
    if (found !== undefined) return found;
  }
  return undefined;
}
