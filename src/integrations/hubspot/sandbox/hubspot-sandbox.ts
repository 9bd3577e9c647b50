import type { FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import { ApiError } from "../../../errors/api-error.ts";
import type { App } from "../../../http/app-deps.ts";
import {
  type ActiveFault,
  FAULT_KINDS,
  FaultInjector,
  type FaultKind,
} from "../../sandbox/fault-injector.ts";
import { RequestHolds } from "../../sandbox/hold-request.ts";
import { RollingWindowLimiter } from "../../sandbox/rolling-window.ts";
import {
  internalError,
  invalidAuthentication,
  notFound,
  rateLimited,
  revokedAuthentication,
  validationError,
} from "./hubspot-errors.ts";
import { registerHubSpotObjectRoutes } from "./hubspot-object-routes.ts";
import { HubSpotStats } from "./hubspot-stats.ts";
import { HubSpotStore } from "./hubspot-store.ts";

export const HUBSPOT_SANDBOX_PREFIX = "/sandbox/hubspot";

/** Private apps on Free/Starter portals: 100 requests per rolling 10 s (crm-apis.md §0). */
const DEFAULT_LIMIT = { maxRequests: 100, intervalMs: 10_000 };
const TIMEOUT_HOLD_MS = 120_000;
const LATENCY_MS = 1_000;

const FaultBody = Type.Object({
  kind: Type.Unsafe<FaultKind>({ type: "string", enum: [...FAULT_KINDS] }),
  count: Type.Optional(Type.Integer({ minimum: 1 })),
  durationMs: Type.Optional(Type.Integer({ minimum: 1 })),
  delayMs: Type.Optional(Type.Integer({ minimum: 0 })),
  token: Type.Optional(Type.String({ minLength: 1 })),
});

const LimitsBody = Type.Object({
  maxRequests: Type.Optional(Type.Integer({ minimum: 1 })),
  intervalMs: Type.Optional(Type.Integer({ minimum: 1 })),
});

function bearerToken(request: FastifyRequest): string | undefined {
  const match = /^Bearer\s+(\S.*)$/i.exec(request.headers.authorization ?? "");
  return match?.[1]?.trim() || undefined;
}

/**
 * A stateful stand-in for HubSpot's CRM v3 API under /sandbox/hubspot, with
 * HubSpot's auth (any non-empty bearer token), error bodies and rolling rate
 * limit, plus admin paths (`/_faults`, `/_limits`, `/_stats`) for tests and demos.
 * State lives in this app instance and is lost on restart.
 */
export function registerHubSpotSandbox(app: App): void {
  const store = new HubSpotStore();
  const faults = new FaultInjector();
  const limiter = new RollingWindowLimiter(DEFAULT_LIMIT.maxRequests, DEFAULT_LIMIT.intervalMs);
  const holds = new RequestHolds();
  const stats = new HubSpotStats();

  app.addHook("preClose", async () => holds.releaseAll());

  app.register(
    async (instance) => {
      const scope = instance as unknown as App;
      scope.setErrorHandler(
        (error: Error & { validation?: unknown; statusCode?: number }, _request, reply) => {
          if (error instanceof ApiError || error.validation) {
            return reply.code(400).send(validationError(error.message));
          }
          if (error.statusCode && error.statusCode < 500) {
            return reply.code(error.statusCode).send(validationError(error.message));
          }
          return reply.code(500).send(internalError());
        },
      );
      scope.setNotFoundHandler((_request, reply) => reply.code(404).send(notFound()));

      scope.addHook("onRequest", async (request, reply) => {
        const path = request.url.slice(HUBSPOT_SANDBOX_PREFIX.length);
        if (path.startsWith("/_")) return;
        stats.count(request.method, path.split("?")[0] as string);
        const token = bearerToken(request);
        const handled = await applyFault(request, reply, faults.take(token), holds);
        if (handled) return reply;
        if (!token) return reply.code(401).send(invalidAuthentication());
        const verdict = limiter.hit(token);
        reply.header("X-HubSpot-RateLimit-Max", verdict.max);
        reply.header("X-HubSpot-RateLimit-Remaining", verdict.remaining);
        reply.header("X-HubSpot-RateLimit-Interval-Milliseconds", verdict.intervalMs);
        if (!verdict.allowed) {
          reply.header("Retry-After", Math.max(1, Math.ceil(verdict.retryAfterMs / 1000)));
          return reply.code(429).send(rateLimited());
        }
      });

      scope.addHook("onResponse", async (request, reply) => {
        const vendorPath = !request.url.slice(HUBSPOT_SANDBOX_PREFIX.length).startsWith("/_");
        if (vendorPath && reply.statusCode === 429) stats.countRateLimited();
      });
      scope.get("/_stats", async () => stats.view());
      scope.post("/_stats/reset", async (_request, reply) => {
        stats.reset();
        return reply.code(204).send();
      });
      scope.post("/_faults", { schema: { body: FaultBody } }, async (request, reply) =>
        reply.code(201).send(faults.add(request.body)),
      );
      scope.get("/_faults", async () => ({ faults: faults.list() }));
      scope.delete("/_faults", async (_request, reply) => {
        faults.clear();
        return reply.code(204).send();
      });
      scope.put("/_limits", { schema: { body: LimitsBody } }, async (request) => {
        limiter.max = request.body.maxRequests ?? DEFAULT_LIMIT.maxRequests;
        limiter.intervalMs = request.body.intervalMs ?? DEFAULT_LIMIT.intervalMs;
        limiter.reset();
        return { maxRequests: limiter.max, intervalMs: limiter.intervalMs };
      });

      registerHubSpotObjectRoutes(scope, store);
    },
    { prefix: HUBSPOT_SANDBOX_PREFIX },
  );
}

/** Answers with the fault instead of the record; true when the request is done. */
async function applyFault(
  request: FastifyRequest,
  reply: FastifyReply,
  fault: ActiveFault | undefined,
  holds: RequestHolds,
): Promise<boolean> {
  switch (fault?.kind) {
    case undefined:
      return false;
    case "latency":
      await holds.hold(request, fault.delayMs ?? LATENCY_MS);
      return false;
    case "timeout":
      // never answer: the client's own timeout is what is being tested
      await holds.hold(request, fault.delayMs ?? TIMEOUT_HOLD_MS);
      reply.hijack();
      request.raw.socket?.destroy();
      return true;
    case "429":
      reply.header("Retry-After", 1).code(429).send(rateLimited());
      return true;
    case "500":
      reply.code(500).send(internalError());
      return true;
    case "revoked":
      reply.code(401).send(revokedAuthentication());
      return true;
  }
}
