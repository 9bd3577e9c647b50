import { type ServerResponse, STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import { envelope } from "../errors/api-error.ts";
import { messages } from "../errors/messages.ts";

export interface TimeoutOptions {
  /** How long a client may take to send a whole request, headers and body (Node then answers 408). */
  requestTimeoutMs?: number | undefined;
  /** How long a client may take to send the headers: a slow-loris client trickling header lines. */
  headersTimeoutMs?: number | undefined;
  /**
   * An idle keep-alive connection is closed after this. Node's 5 s by default: a longer one was
   * measured to hold a graceful shutdown (and every test app's close) for its whole length. Behind a
   * load balancer, set it above the balancer's idle timeout (60 s on AWS ALB), or it may reuse a
   * connection we are closing.
   */
  keepAliveTimeoutMs?: number | undefined;
  /**
   * A connection with no traffic either way is closed after this; it must outlast the slowest
   * handler (a CRM call may wait up to 120 s), so it only catches connections nobody uses.
   */
  connectionTimeoutMs?: number | undefined;
}

export const DEFAULT_TIMEOUTS = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  connectionTimeoutMs: 300_000,
} as const;

/**
 * Fastify server options that stop slow clients from holding connections
 * (Fastify's defaults switch Node's request timeout off), and answer what Node
 * refuses before Fastify sees a request (timeouts, malformed HTTP, oversized
 * headers) in the Fusebill envelope rather than in Fastify's own JSON shape.
 */
export function serverTimeoutOptions(options: TimeoutOptions = {}) {
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_TIMEOUTS.requestTimeoutMs;
  const headersTimeout = Math.min(
    options.headersTimeoutMs ?? DEFAULT_TIMEOUTS.headersTimeoutMs,
    requestTimeout,
  );
  return {
    requestTimeout,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? DEFAULT_TIMEOUTS.keepAliveTimeoutMs,
    connectionTimeout: options.connectionTimeoutMs ?? DEFAULT_TIMEOUTS.connectionTimeoutMs,
    http: {
      headersTimeout,
      requestTimeout,
      // Node checks the two timeouts only this often (30 s by default), which would stretch a 10 s limit to 40 s
      connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(headersTimeout / 4))),
    },
    clientErrorHandler,
  };
}

/** Node's `clientError`: answers in the envelope when the socket can still take an answer, then closes it. */
function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const current = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
  if (socket.writable && !current?.headersSent) {
    const [status, message] =
      error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, messages.requestTimeout]
        : error.code === "HPE_HEADER_OVERFLOW"
          ? [431, messages.headersTooLarge]
          : [400, messages.malformedRequest];
    const body = JSON.stringify(envelope(status, message));
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
