import type { IncomingHttpHeaders } from "node:http";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";

const PREFIX = "/docs";
/** Headers of the inner answer that describe the connection, not the page: the outer reply sets its own. */
const HOP_BY_HOP = new Set(["connection", "content-length", "date", "keep-alive", "transfer-encoding"]);

/**
 * The API reference (Scalar) under /docs, loaded on its first request:
 * @scalar/fastify-api-reference is a 4.8 MB module (its browser bundle
 * inlined as a string) whose import alone measured 100-230 ms and ~15 MB of
 * RSS at every start (bench/README.md, "Build and cold start"), for a page few runs ever serve. Its
 * routes live in a small Fastify instance of their own, built once with the
 * app's router options, and the app forwards its two paths to it.
 */
export function registerDocsReference(app: FastifyInstance): void {
  let docs: Promise<FastifyInstance> | undefined;
  const forward = async (request: FastifyRequest, reply: FastifyReply) => {
    docs ??= buildDocsServer().catch((error: unknown) => {
      docs = undefined;
      throw error;
    });
    const answer = await (await docs).inject({
      method: "GET",
      url: request.url,
      headers: request.headers as IncomingHttpHeaders & Record<string, string>,
    });
    for (const [name, value] of Object.entries(answer.headers)) {
      if (!HOP_BY_HOP.has(name) && value !== undefined) reply.header(name, value);
    }
    // a redirect has no body: sending an empty Buffer would label it application/octet-stream
    return reply.code(answer.statusCode).send(answer.rawPayload.length > 0 ? answer.rawPayload : undefined);
  };
  const options = { schema: { hide: true }, logLevel: "warn" as const };
  // the two routes the package registers (with a `url` and ignoreTrailingSlash, /docs/ also answers /docs);
  // the /docs test in openapi.test.ts fetches the script at the path the page names
  app.get(`${PREFIX}/`, options, forward);
  app.get(`${PREFIX}/js/scalar.js`, options, forward);
}

async function buildDocsServer(): Promise<FastifyInstance> {
  const { default: scalarApiReference } = await import("@scalar/fastify-api-reference");
  const docs = Fastify({
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true, ignoreDuplicateSlashes: true },
  });
  await docs.register(scalarApiReference, {
    routePrefix: PREFIX,
    configuration: { url: "/openapi.json", title: "Latchwork API" },
  });
  await docs.ready();
  return docs;
}
