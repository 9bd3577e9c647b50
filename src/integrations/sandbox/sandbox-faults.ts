import type { FastifyReply, FastifyRequest } from "fastify";
import { Type } from "typebox";
import type { App } from "../../http/app-deps.ts";
import { type ActiveFault, FAULT_KINDS, type FaultInjector, type FaultKind } from "./fault-injector.ts";
import type { RequestHolds } from "./hold-request.ts";

/**
 * The fault-injection admin paths and the vendor-neutral faults (timeout,
 * latency) of the Salesforce and NetSuite sandboxes, on the shared
 * FaultInjector, with the same body as the HubSpot sandbox:
 * `POST {prefix}/_faults {kind, count?, durationMs?, delayMs?, token?}`.
 */
const FaultBody = Type.Object({
  kind: Type.Unsafe<FaultKind>({ type: "string", enum: [...FAULT_KINDS] }),
  count: Type.Optional(Type.Integer({ minimum: 1 })),
  durationMs: Type.Optional(Type.Integer({ minimum: 1 })),
  delayMs: Type.Optional(Type.Integer({ minimum: 0 })),
  token: Type.Optional(Type.String({ minLength: 1 })),
});

const TIMEOUT_HOLD_MS = 120_000;
const LATENCY_MS = 1_000;

export function registerFaultAdmin(scope: App, faults: FaultInjector): void {
  scope.post("/_faults", { schema: { body: FaultBody } }, async (request, reply) =>
    reply.code(201).send(faults.add(request.body)),
  );
  scope.get("/_faults", async () => ({ faults: faults.list() }));
  scope.delete("/_faults", async (_request, reply) => {
    faults.clear();
    return reply.code(204).send();
  });
}

export const isAdminPath = (request: FastifyRequest, prefix: string) =>
  request.url.slice(prefix.length).startsWith("/_");

/**
 * Applies the faults every vendor shares: `latency` delays the request and lets
 * it go on; `timeout` never answers (the socket is dropped once the client has
 * given up or after `delayMs`). True when the request is done with.
 */
export async function applyDelayFault(
  request: FastifyRequest,
  reply: FastifyReply,
  fault: ActiveFault,
  holds: RequestHolds,
): Promise<boolean> {
  if (fault.kind === "latency") {
    await holds.hold(request, fault.delayMs ?? LATENCY_MS);
    return false;
  }
  await holds.hold(request, fault.delayMs ?? TIMEOUT_HOLD_MS);
  reply.hijack();
  request.raw.socket?.destroy();
  return true;
}
