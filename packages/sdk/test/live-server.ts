import { before } from "node:test";
import type { TestContext } from "../../../src/testing/test-app.ts";
import { LatchworkClient, type LatchworkClientOptions } from "../src/index.ts";

export interface LiveServer {
  /** `http://127.0.0.1:{port}` of the app, once `before` ran. */
  readonly url: string;
  /** A client of a new account of its own on the live server. */
  newClient(options?: Partial<LatchworkClientOptions>): Promise<LatchworkClient>;
}

/**
 * Makes `ctx.app` (a real buildApp() on the suite's test database) listen on a
 * loopback port, so that the SDK talks to it over HTTP as any client would;
 * the sandbox CRMs it serves are reached the same way.
 */
export function liveServer(ctx: TestContext): LiveServer {
  let url: string | undefined;
  before(async () => {
    await ctx.app.listen({ port: 0, host: "127.0.0.1" });
    url = `http://127.0.0.1:${(ctx.app.server.address() as { port: number }).port}`;
  });
  return {
    get url() {
      if (!url) throw new Error("the server is not listening yet");
      return url;
    },
    async newClient(options = {}) {
      const account = await ctx.newAccount();
      return new LatchworkClient({ apiKey: account.apiKey, baseUrl: this.url, ...options });
    },
  };
}
