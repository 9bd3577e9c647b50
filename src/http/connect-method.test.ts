import assert from "node:assert/strict";
import { connect } from "node:net";
import { after, before, describe, test } from "node:test";
import { envelope } from "../errors/api-error.ts";
import { messages } from "../errors/messages.ts";
import { buildSandboxServer } from "../sandbox-server.ts";
import { describeOnEachBackend } from "../testing/test-app.ts";
import type { App } from "./app.ts";
import { ALLOWED_METHODS } from "./connect-method.ts";

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends `request` on a new connection and reads until the server closes it (inject cannot send CONNECT). */
function exchange(app: App, request: string): Promise<RawAnswer> {
  const { port } = app.server.address() as { port: number };
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(request));
    let received = "";
    socket.on("data", (chunk) => {
      received += chunk.toString("utf8");
    });
    socket.on("error", reject);
    socket.on("close", () => {
      const [head = "", body = ""] = received.split("\r\n\r\n");
      const [statusLine = "", ...lines] = head.split("\r\n");
      const status = /^HTTP\/1\.1 (\d{3}) /.exec(statusLine)?.[1];
      if (!status) return reject(new Error(`no HTTP answer before the close: ${JSON.stringify(received)}`));
      const headers = Object.fromEntries(
        lines.map((line) => [
          line.slice(0, line.indexOf(":")).toLowerCase(),
          line.slice(line.indexOf(":") + 1).trim(),
        ]),
      );
      resolve({ status: Number(status), headers, body });
    });
  });
}

async function assertConnectRefused(app: App): Promise<void> {
  for (const target of ["example.com:443", "127.0.0.1:22", "/v1/customers"]) {
    const answer = await exchange(app, `CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`);
    const context = `CONNECT ${target}: ${answer.status} ${JSON.stringify(answer.headers)} ${answer.body}`;
    assert.equal(answer.status, 405, context);
    assert.equal(answer.headers.allow, ALLOWED_METHODS.join(", "), context);
    assert.match(answer.headers["content-type"] ?? "", /^application\/json/, context);
    assert.equal(answer.headers["content-length"], String(Buffer.byteLength(answer.body)), context);
    assert.deepEqual(
      JSON.parse(answer.body),
      envelope(405, messages.methodNotAllowed("CONNECT", ALLOWED_METHODS)),
      context,
    );
  }
}

describeOnEachBackend("CONNECT requests to the API", (ctx) => {
  before(async () => {
    await ctx.app.listen({ port: 0, host: "127.0.0.1" });
  });

  test("a CONNECT request is answered 405 in the envelope with the methods the API takes", async () => {
    await assertConnectRefused(ctx.app);
  });

  test("the server still answers ordinary requests after refusing a CONNECT", async () => {
    await assertConnectRefused(ctx.app);
    const answer = await exchange(ctx.app, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert.equal(answer.status, 200, answer.body);
  });
});

describe("CONNECT requests to the standalone sandbox server", () => {
  let app: App;
  before(async () => {
    app = await buildSandboxServer();
    await app.listen({ port: 0, host: "127.0.0.1" });
  });
  after(async () => {
    await app.close();
  });

  test("a CONNECT request is answered 405 in the envelope, as the API answers it", async () => {
    await assertConnectRefused(app);
  });
});
