import { randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { App } from "../../../http/app-deps.ts";
import { type ActiveFault, FaultInjector } from "../../sandbox/fault-injector.ts";
import { RequestHolds } from "../../sandbox/hold-request.ts";
import { RequestStats, registerStatsAdmin } from "../../sandbox/request-stats.ts";
import { applyDelayFault, isAdminPath, registerFaultAdmin } from "../../sandbox/sandbox-faults.ts";
import { toId18 } from "../salesforce-id.ts";
import { type AccountRecord, AccountStore } from "./account-store.ts";
import { registerCollectionRoutes } from "./collection-routes.ts";
import { INVALID_SESSION, LIMIT_EXCEEDED, NOT_FOUND, sfError, VERSION } from "./salesforce-errors.ts";

export const SALESFORCE_SANDBOX_PREFIX = "/sandbox/salesforce";

export interface SalesforceSandboxOptions {
  /** The org's rolling 24-hour API allocation (the `m` of `Sforce-Limit-Info: api-usage=n/m`). */
  apiLimit?: number;
}

interface SObjectParams {
  version: string;
  sobject: string;
  id: string;
}

/**
 * A stateful stand-in for a Salesforce org's REST API (Accounts only), a
 * plugin mounted under `/sandbox/salesforce`: OAuth 2 client credentials,
 * sObject rows (GET/PATCH/POST/DELETE), sObject Collections (collection-routes.ts),
 * the API allocation header and the documented error bodies; `_stats` counts
 * the calls (plus `apiUsage`, `apiLimit`, `accounts`). Any non-empty bearer token is accepted unless a
 * "revoked" fault revoked it. Faults: "429" answers as Salesforce does when
 * the allocation is spent (403 REQUEST_LIMIT_EXCEEDED); "revoked" answers 401
 * INVALID_SESSION_ID and revokes the token (a new grant works again), or
 * refuses the grant itself at the token endpoint.
 */
export async function salesforceSandbox(
  instance: FastifyInstance,
  options: SalesforceSandboxOptions,
): Promise<void> {
  const app = instance as unknown as App;
  const store = new AccountStore();
  const faults = new FaultInjector();
  const holds = new RequestHolds();
  const revoked = new Set<string>();
  const apiLimit = options.apiLimit ?? 100_000;
  let apiUsage = 0;
  const stats = new RequestStats();

  app.addHook("preClose", async () => holds.releaseAll());
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string" },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  app.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    return reply
      .code(status)
      .send(sfError(status === 400 ? "JSON_PARSER_ERROR" : "UNKNOWN_EXCEPTION", error.message));
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send(NOT_FOUND));
  registerFaultAdmin(app, faults);
  registerStatsAdmin(app, stats, {
    read: () => ({ apiUsage, apiLimit, accounts: store.size }),
    reset: () => {
      apiUsage = 0;
    },
  });
  app.addHook("onResponse", async (request, reply) => {
    if (!isAdminPath(request, app.prefix)) stats.answered(reply.statusCode);
  });

  /** The vendor's answer to an injected fault; true when the request is done with. */
  async function applyFault(
    request: FastifyRequest,
    reply: FastifyReply,
    fault: ActiveFault,
    token?: string,
  ) {
    if (fault.kind === "latency" || fault.kind === "timeout")
      return applyDelayFault(request, reply, fault, holds);
    const isTokenRequest = request.url.toLowerCase().includes("/services/oauth2/");
    if (fault.kind === "revoked" && isTokenRequest) {
      reply.code(400).send({ error: "invalid_client", error_description: "invalid client credentials" });
    } else if (fault.kind === "revoked") {
      if (token) revoked.add(token);
      reply.code(401).send(INVALID_SESSION);
    } else if (fault.kind === "429") {
      reply.code(403).send(LIMIT_EXCEEDED);
    } else {
      reply
        .code(500)
        .send(sfError("UNKNOWN_EXCEPTION", "An unexpected error occurred. (injected by the sandbox)"));
    }
    return true;
  }

  // faults, then authentication and the API allocation of the data API
  app.addHook("onRequest", async (request, reply) => {
    if (isAdminPath(request, app.prefix)) return;
    stats.arrived(request, app.prefix);
    const token = bearerToken(request);
    const fault = faults.take(token);
    if (fault && (await applyFault(request, reply, fault, token))) return reply;
    if (!request.url.toLowerCase().includes("/services/data/")) return;
    if (!token || revoked.has(token)) return reply.code(401).send(INVALID_SESSION);
    if (apiUsage >= apiLimit) return reply.code(403).send(LIMIT_EXCEEDED);
    apiUsage += 1;
    reply.header("Sforce-Limit-Info", `api-usage=${apiUsage}/${apiLimit}`);
  });

  app.post("/services/oauth2/token", { schema: { body: { type: "object" } } }, async (request, reply) => {
    const params = request.body as Record<string, string>;
    if (params.grant_type !== "client_credentials") {
      return reply
        .code(400)
        .send({ error: "unsupported_grant_type", error_description: "grant type not supported" });
    }
    if (!params.client_id || !params.client_secret) {
      return reply
        .code(400)
        .send({ error: "invalid_client_id", error_description: "client identifier invalid" });
    }
    const instanceUrl = `${request.protocol}://${request.host}${app.prefix}`;
    return {
      access_token: `00Dsandbox!${randomBytes(24).toString("base64url")}`,
      instance_url: instanceUrl,
      id: `${instanceUrl}/id/00Dsandbox000001AAA/005sandbox000001AAA`,
      token_type: "Bearer",
      issued_at: String(Date.now()),
      signature: randomBytes(32).toString("base64"),
    };
  });

  /** The record, or an error sent; unknown versions, objects and malformed ids answer as Salesforce does. */
  function lookup(request: FastifyRequest<{ Params: SObjectParams }>, reply: FastifyReply) {
    const { version, sobject, id } = request.params;
    if (!VERSION.test(version) || sobject.toLowerCase() !== "account") {
      reply.code(404).send(NOT_FOUND);
      return undefined;
    }
    if (!toId18(id)) {
      reply.code(400).send(sfError("MALFORMED_ID", `Account ID: id value of incorrect type: ${id}`, ["Id"]));
      return undefined;
    }
    const record = store.get(id);
    if (!record) reply.code(404).send(NOT_FOUND);
    return record;
  }

  app.get<{ Params: SObjectParams; Querystring: { fields?: string } }>(
    "/services/data/:version/sobjects/:sobject/:id",
    async (request, reply) => {
      const record = lookup(request, reply);
      if (!record) return reply;
      return withAttributes(request.params.version, record.Id, selectFields(record, request.query.fields));
    },
  );

  app.patch<{ Params: SObjectParams }>(
    "/services/data/:version/sobjects/:sobject/:id",
    { schema: { body: { type: "object" } } },
    async (request, reply) => {
      const record = lookup(request, reply);
      if (!record) return reply;
      store.update(record.Id, request.body as Record<string, unknown>);
      return reply.code(204).send();
    },
  );

  app.delete<{ Params: SObjectParams }>(
    "/services/data/:version/sobjects/:sobject/:id",
    async (request, reply) => {
      const record = lookup(request, reply);
      if (!record) return reply;
      store.delete(record.Id);
      return reply.code(204).send();
    },
  );

  app.post<{ Params: Omit<SObjectParams, "id"> }>(
    "/services/data/:version/sobjects/:sobject",
    { schema: { body: { type: "object" } } },
    async (request, reply) => {
      const { version, sobject } = request.params;
      if (!VERSION.test(version) || sobject.toLowerCase() !== "account")
        return reply.code(404).send(NOT_FOUND);
      const record = store.create(request.body as Record<string, unknown>);
      return reply.code(201).send({ id: record.Id, success: true, errors: [] });
    },
  );

  registerCollectionRoutes(app, store);
}

function bearerToken(request: FastifyRequest): string | undefined {
  const match = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(request.headers.authorization ?? "");
  return match?.[1];
}

function selectFields(record: AccountRecord, fields: string | undefined): Record<string, unknown> {
  if (!fields) return record;
  const wanted = new Set(fields.split(",").map((field) => field.trim().toLowerCase()));
  return Object.fromEntries(Object.entries(record).filter(([name]) => wanted.has(name.toLowerCase())));
}

function withAttributes(version: string, id: string, fields: Record<string, unknown>) {
  return {
    attributes: { type: "Account", url: `/services/data/${version}/sobjects/Account/${id}` },
    ...fields,
  };
}
