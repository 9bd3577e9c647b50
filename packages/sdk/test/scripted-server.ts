import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** One scripted answer, or "drop": close the connection without answering. */
export type ScriptedAnswer = { status: number; body: string; headers?: Record<string, string> } | "drop";

export interface SeenRequest {
  method: string;
  url: string;
  body: string;
  authorization: string | undefined;
  /** When it arrived (ms since the epoch). */
  at: number;
}

export interface ScriptedServer {
  url: string;
  /** What the server saw since the last `script()`. */
  requests: SeenRequest[];
  /** Replaces the answers; each request takes the next one, and the last repeats. */
  script(answers: ScriptedAnswer[]): void;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** A tiny HTTP server on 127.0.0.1 that answers from a script, to count the SDK's attempts. */
export async function startScriptedServer(): Promise<ScriptedServer> {
  let answers: ScriptedAnswer[] = [];
  const requests: SeenRequest[] = [];
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    requests.push({
      method: request.method ?? "",
      url: request.url ?? "",
      body,
      authorization: request.headers.authorization,
      at: Date.now(),
    });
    const answer = answers.length > 1 ? answers.shift() : answers[0];
    if (answer === undefined || answer === "drop") {
      request.socket.destroy();
      return;
    }
    response.writeHead(answer.status, answer.headers ?? {});
    response.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script(next) {
      answers = [...next];
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
