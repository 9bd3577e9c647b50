import type { FastifyInstance } from "fastify";

/**
 * The routes whose answers depend on the account's mode (test accounts fall
 * back to the sandbox CRMs, live ones never do): our integrations API, the
 * vendors' latch and synch endpoints and the sync status/replay routes.
 * Matched on the route pattern, which the router gives in its registered case.
 */
const CRM_ROUTE =
  /^\/v1\/(?:integrations|hubspot|salesforce|netsuite|sync)(?:\/|$)|^\/v1\/customers\/:id\/sync$/i;

/**
 * `Latchwork-Mode: test|live` on the CRM routes, so that a client (and whoever
 * reads its logs) sees which kind of account answered, as Stripe's keys say
 * test or live. One hook for all of them; errors carry it too. The mode is the
 * one the key was verified with (src/http/auth.ts caches it up to 10 s); CRM
 * calls themselves read it fresh.
 */
export function registerModeHeader(app: FastifyInstance): void {
  app.addHook("onSend", async (request, reply, payload) => {
    const mode = request.account?.mode;
    if (mode && CRM_ROUTE.test(request.routeOptions.url ?? "")) reply.header("latchwork-mode", mode);
    return payload;
  });
}
