import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { App } from "../../../http/app-deps.ts";
import { FaultInjector } from "../../sandbox/fault-injector.ts";
import { RequestHolds } from "../../sandbox/hold-request.ts";
import { RequestStats, registerStatsAdmin } from "../../sandbox/request-stats.ts";
import { applyDelayFault, isAdminPath, registerFaultAdmin } from "../../sandbox/sandbox-faults.ts";
import { parseOAuth1Header } from "../oauth1-signature.ts";
import { CustomerStore, type NetsuiteCustomer } from "./customer-store.ts";

export const NETSUITE_SANDBOX_PREFIX = "/sandbox/netsuite";

export interface NetsuiteSandboxOptions {
  /** Concurrent requests the account allows (5 is NetSuite's shared/developer tier). */
  concurrencyLimit?: number;
}

const STATUS = {
  400: ["Bad Request", "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.1"],
  401: ["Unauthorized", "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.2"],
  404: ["Not Found", "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.5"],
  429: ["Too Many Requests", "https://tools.ietf.org/html/rfc6585#section-4"],
  500: ["Internal Server Error", "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.5.1"],
} as const;

/** NetSuite REST web services' error body (RFC 7807 with `o:errorDetails`). */
export function nsError(status: keyof typeof STATUS, errorCode: string, detail: string) {
  const [title, type] = STATUS[status];
  return { type, title, status, "o:errorDetails": [{ detail, "o:errorCode": errorCode }] };
}

const INVALID_LOGIN =
  "Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.";
const REQUIRED_OAUTH = ["realm", "oauth_consumer_key", "oauth_token", "oauth_nonce", "oauth_signature"];

/** Token-based auth is checked for shape (any credentials are accepted): OAuth 1.0a, HMAC-SHA256, a realm. */
function validOAuthHeader(header: string | undefined): boolean {
  const params = parseOAuth1Header(header);
  if (!params) return false;
  if (REQUIRED_OAUTH.some((name) => !params[name])) return false;
  if (params.oauth_signature_method !== "HMAC-SHA256") return false;
  if (!/^\d+$/.test(params.oauth_timestamp ?? "")) return false;
  return params.oauth_version === undefined || params.oauth_version === "1.0";
}

const CONCURRENCY_EXCEEDED = nsError(
  429,
  "CONCURRENCY_LIMIT_EXCEEDED",
  "Concurrent request limit exceeded. Request blocked.",
);

/**
 * A stateful stand-in for NetSuite's REST record API (customers only), a plugin
 * mounted under `/sandbox/netsuite`: TBA headers, `o:errorDetails` errors, the
 * account's concurrency limit (over it: 429) and fault injection ("revoked":
 * 401 INVALID_LOGIN; "429": the concurrency refusal). `_stats` counts the calls
 * and the peak of requests open at once (`peakConcurrency`, refused ones
 * included), so a test can check that a client kept to the limit.
 */
export async function netsuiteSandbox(
  instance: FastifyInstance,
  options: NetsuiteSandboxOptions,
): Promise<void> {
  const app = instance as unknown as App;
  const store = new CustomerStore();
  const faults = new FaultInjector();
  const holds = new RequestHolds();
  const concurrencyLimit = options.concurrencyLimit ?? 5;
  let inFlight = 0;
  // every request open at once, refused ones included: what a client's concurrency control achieved
  let open = 0;
  let peakConcurrency = 0;
  let concurrencyRejections = 0;
  const stats = new RequestStats();

  app.addHook("preClose", async () => holds.releaseAll());
  app.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
    const status = error.statusCode === 400 ? 400 : 500;
    const code = status === 400 ? "INVALID_CONTENT" : "UNEXPECTED_ERROR";
    return reply.code(status).send(nsError(status, code, error.message));
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send(nsError(404, "NONEXISTENT_ID", "The requested resource does not exist.")),
  );
  registerFaultAdmin(app, faults);
  registerStatsAdmin(app, stats, {
    read: () => ({
      peakConcurrency,
      concurrencyLimit,
      concurrencyRejections,
      inFlight: open,
      customers: store.size,
    }),
    reset: () => {
      peakConcurrency = open;
      concurrencyRejections = 0;
    },
  });
  app.addHook("onResponse", async (request, reply) => {
    if (!isAdminPath(request, app.prefix)) stats.answered(reply.statusCode);
  });

  // the concurrency limit counts every request in flight, including ones a fault holds; then faults, then auth
  app.addHook("onRequest", async (request, reply) => {
    if (isAdminPath(request, app.prefix)) return;
    stats.arrived(request, app.prefix);
    open += 1;
    peakConcurrency = Math.max(peakConcurrency, open);
    reply.raw.once("close", () => {
      open -= 1;
    });
    if (inFlight >= concurrencyLimit) {
      concurrencyRejections += 1;
      return reply.code(429).send(CONCURRENCY_EXCEEDED);
    }
    inFlight += 1;
    reply.raw.once("close", () => {
      inFlight -= 1;
    });
    const fault = faults.take(parseOAuth1Header(request.headers.authorization)?.oauth_token);
    if (fault?.kind === "latency" || fault?.kind === "timeout") {
      if (await applyDelayFault(request, reply, fault, holds)) return reply;
    } else if (fault?.kind === "revoked")
      return reply.code(401).send(nsError(401, "INVALID_LOGIN", INVALID_LOGIN));
    else if (fault?.kind === "429") return reply.code(429).send(CONCURRENCY_EXCEEDED);
    else if (fault?.kind === "500") {
      return reply
        .code(500)
        .send(nsError(500, "UNEXPECTED_ERROR", "An unexpected error occurred. (injected by the sandbox)"));
    }
    if (!validOAuthHeader(request.headers.authorization)) {
      return reply.code(401).send(nsError(401, "INVALID_LOGIN", INVALID_LOGIN));
    }
  });

  const selfLink = (request: FastifyRequest, id: string) =>
    `${request.protocol}://${request.host}${app.prefix}/services/rest/record/v1/customer/${id}`;

  function lookup(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) {
    const record = store.get(request.params.id);
    if (!record) {
      reply
        .code(404)
        .send(
          nsError(
            404,
            "NONEXISTENT_ID",
            "The record instance does not exist. Provide a valid record instance ID.",
          ),
        );
    }
    return record;
  }

  app.get<{ Params: { id: string }; Querystring: { fields?: string } }>(
    "/services/rest/record/v1/customer/:id",
    async (request, reply) => {
      const record = lookup(request, reply);
      if (!record) return reply;
      return {
        links: [{ rel: "self", href: selfLink(request, record.id) }],
        ...selectFields(record, request.query.fields),
      };
    },
  );

  app.patch<{ Params: { id: string } }>(
    "/services/rest/record/v1/customer/:id",
    { schema: { body: { type: "object" } } },
    async (request, reply) => {
      const record = lookup(request, reply);
      if (!record) return reply;
      store.update(record, request.body as Record<string, unknown>);
      return reply.code(204).send();
    },
  );

  app.delete<{ Params: { id: string } }>("/services/rest/record/v1/customer/:id", async (request, reply) => {
    const record = lookup(request, reply);
    if (!record) return reply;
    store.delete(record.id);
    return reply.code(204).send();
  });

  app.post(
    "/services/rest/record/v1/customer",
    { schema: { body: { type: "object" } } },
    async (request, reply) => {
      const record = store.create(request.body as Record<string, unknown>);
      return reply.code(204).header("location", selfLink(request, record.id)).send();
    },
  );
}

function selectFields(record: NetsuiteCustomer, fields: string | undefined): Record<string, unknown> {
  if (!fields) return record;
  const wanted = new Set(fields.split(",").map((field) => field.trim().toLowerCase()));
  return Object.fromEntries(Object.entries(record).filter(([name]) => wanted.has(name.toLowerCase())));
}
