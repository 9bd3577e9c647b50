import { type IncomingMessage, type Server, STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { envelope } from "../errors/api-error.ts";
import { messages } from "../errors/messages.ts";

/** The methods the API's routes take: what a client that sent CONNECT can use instead. */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT"] as const;

/**
 * Node hands a CONNECT request to the server's 'connect' listeners instead of
 * the request handler, and closes the socket without a word when there are
 * none, so Fastify never sees it. This answers it as a 405 in the envelope,
 * with `Allow`, then closes the connection: after CONNECT Node no longer
 * parses the socket as HTTP, so it cannot carry another request.
 */
export function answerConnectRequests(server: Server): void {
  server.on("connect", (request: IncomingMessage, socket: Duplex) => {
    const body = JSON.stringify(
      envelope(405, messages.methodNotAllowed(request.method ?? "CONNECT", ALLOWED_METHODS)),
    );
    socket.on("error", () => {}); // a client gone before the answer is no error of ours
    socket.end(
      `HTTP/1.1 405 ${STATUS_CODES[405]}\r\nAllow: ${ALLOWED_METHODS.join(", ")}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  });
}
