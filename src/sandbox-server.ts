/**
 * `npm run sandbox`: the three sandbox CRMs alone (no API, no database), for
 * other projects' tests: HubSpot, Salesforce and NetSuite under
 * /sandbox/{crm}, exactly as `npm start` serves them. PORT defaults to 8090.
 */
import { pathToFileURL } from "node:url";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { App } from "./http/app-deps.ts";
import { registerBodyParsing } from "./http/body-parsing.ts";
import { answerConnectRequests } from "./http/connect-method.ts";
import { registerErrorHandling } from "./http/error-handler.ts";
import { VALIDATOR_OPTIONS } from "./http/validator-options.ts";
import { registerHubSpotSandbox } from "./integrations/hubspot/sandbox/hubspot-sandbox.ts";
import {
  NETSUITE_SANDBOX_PREFIX,
  netsuiteSandbox,
} from "./integrations/netsuite/sandbox/netsuite-sandbox.ts";
import {
  SALESFORCE_SANDBOX_PREFIX,
  salesforceSandbox,
} from "./integrations/salesforce/sandbox/salesforce-sandbox.ts";

export interface SandboxServerOptions {
  logger?: FastifyBaseLogger | boolean | object;
}

/** A Fastify server with the sandboxes, parsing and routing requests as the main app does. */
export async function buildSandboxServer(options: SandboxServerOptions = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? false,
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true, ignoreDuplicateSlashes: true },
    ajv: {
      customOptions: { ...VALIDATOR_OPTIONS },
    },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;
  answerConnectRequests(app.server);
  registerErrorHandling(app as unknown as FastifyInstance);
  registerBodyParsing(app as unknown as FastifyInstance);
  app.get("/healthz", async () => ({ status: "ok", sandboxes: ["hubspot", "salesforce", "netsuite"] }));
  registerHubSpotSandbox(app);
  app.register(salesforceSandbox, { prefix: SALESFORCE_SANDBOX_PREFIX });
  app.register(netsuiteSandbox, { prefix: NETSUITE_SANDBOX_PREFIX });
  await app.ready();
  return app;
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8090);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got '${process.env.PORT}'`);
  }
  const app = await buildSandboxServer({ logger: { level: process.env.LOG_LEVEL || "info" } });
  await app.listen({ port, host: process.env.HOST || "127.0.0.1" });
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, async () => {
      await app.close();
      process.exit(0);
    });
  }
}

// run only as the entry point, so that tests can import buildSandboxServer
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
