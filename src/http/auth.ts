import type { FastifyInstance, FastifyRequest } from "fastify";
import { findAccount, findAccountIdByKeyHash } from "../accounts/account-repository.ts";
import { hashApiKey, parseAuthorization } from "../accounts/api-key.ts";
import type { AccountContext } from "../customers/customer-service.ts";
import type { Db } from "../db/database.ts";
import { BadRequestError, UnauthorizedError } from "../errors/api-error.ts";
import { messages } from "../errors/messages.ts";

declare module "fastify" {
  interface FastifyRequest {
    account: AccountContext;
  }
}

/**
 * Resolved keys are cached briefly so that the hot path costs one hash and no
 * query; a revoked key stops working within `ttlMs` in every process.
 */
export function registerAuth(app: FastifyInstance, db: Db, options: { ttlMs?: number } = {}): void {
  const ttlMs = options.ttlMs ?? 10_000;
  const cache = new Map<string, { account: AccountContext; expires: number }>();

  async function resolve(candidates: string[]): Promise<AccountContext | undefined> {
    const hashes = candidates.map(hashApiKey);
    const now = Date.now();
    for (const hash of hashes) {
      const hit = cache.get(hash);
      if (hit && hit.expires > now) return hit.account;
    }
    const accountId = await findAccountIdByKeyHash(db, hashes);
    if (accountId === undefined) return undefined;
    const account = await findAccount(db, accountId);
    if (!account) return undefined;
    const context = { accountId: account.id, defaultCurrency: account.defaultCurrency };
    if (cache.size > 10_000) cache.clear();
    cache.set(hashes[0] as string, { account: context, expires: now + ttlMs });
    return context;
  }

  app.decorateRequest("account", undefined as unknown as AccountContext);
  app.addHook("onRequest", async (request: FastifyRequest) => {
    if (!isApiPath(request.routeOptions.url ?? request.url)) return;
    const parsed = parseAuthorization(request.headers.authorization);
    if (parsed.kind === "missing") throw new UnauthorizedError();
    if (parsed.kind === "malformed") throw new BadRequestError(messages.authorizationFormat);
    const account = await resolve(parsed.candidates);
    if (!account) throw new UnauthorizedError();
    request.account = account;
  });
}

/**
 * The router forgives case and duplicate slashes (`//V1//customers/1` reaches
 * the customer route), so the check reads the matched route's own pattern, and
 * forgives the same in the raw URL of a request that matched no route.
 */
function isApiPath(path: string): boolean {
  return path
    .toLowerCase()
    .replace(/\/{2,}/g, "/")
    .startsWith("/v1/");
}
