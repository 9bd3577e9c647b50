import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { isDatabaseUnavailable, UNAVAILABLE_RETRY_AFTER_SECONDS } from "../db/connection-errors.ts";
import { ApiError, envelope } from "../errors/api-error.ts";
import { messages } from "../errors/messages.ts";

interface AjvIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** "/customerReference/salesTrackingCodes/0/code" → "customerReference.salesTrackingCodes[0].code" */
function fieldName(issue: AjvIssue, context: string | undefined): string {
  const path = issue.instancePath
    .split("/")
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join("")
    .replace(/^\./, "");
  return path || (context === "body" ? "the body" : (context ?? "the request"));
}

/** A message a person can act on: which field, what is allowed. */
export function describeValidationIssue(issue: AjvIssue, context: string | undefined): string {
  const field = fieldName(issue, context);
  const { params } = issue;
  switch (issue.keyword) {
    case "required":
      return `${issue.instancePath ? `${field}.` : ""}${String(params.missingProperty)} is required.`;
    case "maxLength":
      return `${field} must be at most ${params.limit} characters long.`;
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).filter((value) => value !== null && value !== "");
      return `${field} must be one of ${allowed.join(", ")}.`;
    }
    case "type": {
      const types = String(params.type)
        .split(",")
        .filter((type) => type !== "null");
      return `${field} must be ${types.map((type) => (type === "integer" ? "an integer" : `a ${type}`)).join(" or ")}.`;
    }
    case "maxItems":
      return `${field} can hold at most ${params.limit} items.`;
    case "minimum":
      return `${field} must be at least ${params.limit}.`;
    case "maximum":
      return `${field} must be at most ${params.limit}.`;
    default:
      return `${field} ${issue.message ?? "is invalid"}.`;
  }
}

/** Fastify's own errors (body parsing, limits, media types) in the envelope. */
function frameworkError(
  error: FastifyError,
  request: FastifyRequest,
): { status: number; message: string } | undefined {
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      // Fastify's message carries no number; the limit in force is the route's
      return { status: 413, message: messages.bodyTooLarge(request.routeOptions.bodyLimit) };
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return { status: 415, message: error.message };
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return { status: 400, message: messages.bodyRequired };
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return { status: 400, message: messages.bodyNotJson(error.message) };
    default:
      return undefined;
  }
}

/**
 * Fastify's `frameworkErrors` option: the router answers a URL it cannot
 * decode (`/v1/customers/%`) or a path parameter over its length limit before
 * any handler runs, and without this in its own JSON shape.
 */
export function renderFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const path = request.raw.url ?? request.url;
  if (error.code === "FST_ERR_MAX_PARAM_LENGTH") {
    reply.code(414).send(envelope(414, messages.pathParameterTooLong(path)));
    return;
  }
  const status = error.code === "FST_ERR_BAD_URL" ? 400 : 500;
  if (status === 500) request.log.error({ err: error }, "unexpected router error");
  reply
    .code(status)
    .send(envelope(status, status === 400 ? messages.badUrl(path) : messages.internal(String(request.id))));
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof ApiError)
      return reply.code(error.statusCode).send(envelope(error.statusCode, error.message));
    if (error.validation && error.validation.length > 0) {
      const text = describeValidationIssue(
        error.validation[0] as unknown as AjvIssue,
        error.validationContext,
      );
      return reply.code(400).send(envelope(400, text));
    }
    const known = frameworkError(error, request);
    if (known) return reply.code(known.status).send(envelope(known.status, known.message));
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send(envelope(error.statusCode, error.message));
    }
    if (isDatabaseUnavailable(error)) {
      // an outage the pool's checkout retries could not bridge, or a statement cut off mid-flight
      request.log.warn({ err: error }, "the database is unavailable");
      return reply
        .code(503)
        .header("Retry-After", String(UNAVAILABLE_RETRY_AFTER_SECONDS))
        .send(envelope(503, messages.databaseUnavailable));
    }
    request.log.error({ err: error }, "unexpected error");
    return reply.code(500).send(envelope(500, messages.internal(String(request.id))));
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(envelope(404, messages.routeNotFound(request.method, request.url)));
  });
}
