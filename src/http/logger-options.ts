import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { LoggerOptions } from "pino";

/**
 * Where a secret could sit in a log object: the Authorization header (our API
 * keys, CRM bearer tokens), the `credentials` of PUT /v1/integrations/{crm}
 * and each credential field by name, up to three levels down (pino's `*`
 * matches one key; its paths are case-sensitive, hence both spellings). Nothing logs these today; this is the net under mistakes.
 */
const SECRET_KEYS = [
  "authorization",
  "Authorization",
  "cookie",
  "x-api-key",
  "apiKey",
  "credentials",
  "accessToken",
  "token",
  "clientSecret",
  "consumerSecret",
  "tokenSecret",
  "secretKey",
  "password",
];
const REDACT_PATHS = SECRET_KEYS.map((key) => `["${key}"]`).flatMap((key) => [
  key,
  `*${key}`,
  `*.*${key}`,
  `*.*.*${key}`,
]);

/**
 * The pino options of the API and worker processes (`logger` of buildApp, or
 * `pino(loggerOptions(level))`): JSON lines, secrets censored, and requests
 * logged without their headers or bodies.
 */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    serializers: {
      // never the headers: they carry the API key (Fastify's default logs none either; this pins it)
      req: (request: { method?: string; url?: string; host?: string; ip?: string }) => ({
        method: request.method,
        url: request.url,
        host: request.host,
        remoteAddress: request.ip,
      }),
    },
  };
}

/** Incoming ids we take as they are: what correlation ids look like, and nothing a log reader could trip on. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/**
 * Fastify's `genReqId`: the caller's `X-Request-Id` when it is a plausible
 * id (≤ 128 characters of a safe set), so that a trace spans their logs and
 * ours; a new UUID otherwise.
 */
export function requestId(request: IncomingMessage): string {
  const header = request.headers["x-request-id"];
  const incoming = Array.isArray(header) ? header[0] : header;
  return incoming !== undefined && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}
