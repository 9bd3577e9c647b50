import { createServer, type IncomingMessage, type Server } from "node:http";

/** What the fake CRM answers: a status, a content type, a body (sent as is). */
export interface FakeAnswer {
  status: number;
  contentType?: string;
  body: string;
}

/** One request the fake CRM received. */
export interface FakeRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
}

/**
 * Something that answers at a CRM connection's base URL without being that
 * CRM (a proxy, a login page, a mock): a plain HTTP server on 127.0.0.1 that
 * answers every request with whatever `answer` returns for it.
 */
export class FakeCrmServer {
  readonly requests: FakeRequest[] = [];
  answer: (request: FakeRequest) => FakeAnswer = () => ({ status: 200, body: "{}" });

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<FakeCrmServer> {
    let fake: FakeCrmServer | undefined;
    const server = createServer((request, response) => {
      // the request body is drained and ignored: only the answer matters here
      request.resume();
      request.on("end", () => {
        const seen = { method: request.method ?? "", path: request.url ?? "", headers: request.headers };
        fake?.requests.push(seen);
        const answer = fake?.answer(seen) ?? { status: 500, body: "" };
        response.writeHead(answer.status, {
          "content-type": answer.contentType ?? "application/json",
          "content-length": Buffer.byteLength(answer.body),
        });
        response.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (!address || typeof address === "string") throw new Error("the fake CRM has no port");
    fake = new FakeCrmServer(server, `http://127.0.0.1:${address.port}`);
    return fake;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Answers that no CRM gives where a record or a batch result is expected. */
export const MALFORMED_ANSWERS: { name: string; answer: FakeAnswer }[] = [
  { name: "200 {}", answer: { status: 200, body: "{}" } },
  { name: '200 {"foo":1}', answer: { status: 200, body: '{"foo":1}' } },
  { name: "200 []", answer: { status: 200, body: "[]" } },
  { name: "200 a JSON string", answer: { status: 200, body: '"ok"' } },
  { name: "200 null", answer: { status: 200, body: "null" } },
  {
    name: "200 an HTML page",
    answer: { status: 200, contentType: "text/html", body: "<html>Sign in</html>" },
  },
  { name: "200 an empty body", answer: { status: 200, body: "" } },
  { name: "200 truncated JSON", answer: { status: 200, body: '{"id":' } },
  { name: "202 an empty body", answer: { status: 202, body: "" } },
  { name: "418 an HTML page", answer: { status: 418, contentType: "text/html", body: "<p>teapot</p>" } },
];
