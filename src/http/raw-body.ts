import { pipeline, Transform } from "node:stream";
import type { FastifyRequest, preParsingHookHandler } from "fastify";
import { BadRequestError } from "../errors/api-error.ts";
import { messages } from "../errors/messages.ts";
import { decodeUtf8, parseRelaxedJson } from "./relaxed-json.ts";

/** Enough for any body these endpoints take; longer ones are not kept (the app's bodyLimit still applies). */
const MAX_KEPT_BYTES = 64 * 1024;
const rawBodies = new WeakMap<FastifyRequest, Buffer[]>();

/**
 * A route hook that keeps a copy of the request body as it streams by. The app
 * discards bodies of routes without a body schema (body-parsing.ts), which is
 * what lets `{fusebillId:{customerId}'}` through; a route that still wants to
 * look at a body it does not require reads the copy with `optionalJsonBody`.
 */
export const keepRawBody: preParsingHookHandler = async (request, _reply, payload) => {
  const chunks: Buffer[] = [];
  let kept = 0;
  rawBodies.set(request, chunks);
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      kept += chunk.length;
      if (kept <= MAX_KEPT_BYTES) chunks.push(chunk);
      else chunks.length = 0;
      done(null, chunk);
    },
  });
  return pipeline(payload, tap, () => {});
};

/**
 * The kept body as a JSON object (relaxed syntax), or undefined when it is absent, not JSON or not an object.
 * Bytes that are not UTF-8 are a 400: read leniently, a netsuiteId in them would be looked up altered.
 */
export function optionalJsonBody(request: FastifyRequest): Record<string, unknown> | undefined {
  const chunks = rawBodies.get(request);
  if (!chunks || chunks.length === 0) return undefined;
  const text = decodeUtf8(Buffer.concat(chunks));
  if (text === undefined) throw new BadRequestError(messages.bodyNotUtf8);
  try {
    const parsed = parseRelaxedJson(text);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A property by name in any letter case (as the app's body normaliser matches names); the last match wins. */
export function propertyIgnoringCase(body: Record<string, unknown>, name: string): unknown {
  const lower = name.toLowerCase();
  let value: unknown;
  for (const [key, candidate] of Object.entries(body)) if (key.toLowerCase() === lower) value = candidate;
  return value;
}
