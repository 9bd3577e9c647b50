import type { FastifyInstance, FastifyRequest } from "fastify";
import { findAccount, findActiveKeyByHash } from "../accounts/account-repository.ts";
import { hashApiKey, parseAuthorization } from "../accounts/api-key.ts";
import { onKeyRevoked } from "../accounts/key-revocations.ts";
import type { AccountContext } from "../customers/customer-service.ts";
import type { Db } from "../db/database.ts";
import { BadRequestError, UnauthorizedError } from "../errors/api-error.ts";
import { messages } from "../errors/messages.ts";

declare module "fastify" {
  interface FastifyRequest {
    account: AccountContext;
  }
}

/** Verified keys kept at most: beyond, the oldest entry makes room (one more query for its next request). */
const CACHE_LIMIT = 10_000;

export interface AuthOptions {
  /** How long a verified key is trusted without asking the database again (default 10 s). */
  ttlMs?: number | undefined;
  /** The clock, for tests. */
  now?: () => number;
}

/**
 * Verified keys are cached for `ttlMs`, so that the hot path costs neither a
 * hash nor a query. The cache holds only keys that requests presented and the
 * database confirmed (by hash: keys stay stored hashed). A key revoked through
 * revokeApiKey in this process is dropped at once (key-revocations.ts); a key
 * revoked by another process (the CLI) stops working here within `ttlMs`.
 */
export function registerAuth(app: FastifyInstance, db: Db, options: AuthOptions = {}): void {
  const ttlMs = options.ttlMs ?? 10_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { account: AccountContext; keyId: number; expires: number }>();
  // a lookup that overlaps a revocation may have read the key before it: its answer is not cached
  let revocations = 0;
  const stopListening = onKeyRevoked((keyId) => {
    revocations += 1;
    for (const [token, entry] of cache) if (entry.keyId === keyId) cache.delete(token);
  });
  app.addHook("onClose", async () => {
    stopListening();
  });

  async function resolve(candidates: string[]): Promise<AccountContext | undefined> {
    const token = candidates[0] as string;
    const hit = cache.get(token);
    if (hit && hit.expires > now()) return hit.account;
    cache.delete(token);
    const generation = revocations;
    const key = await findActiveKeyByHash(db, candidates.map(hashApiKey));
    if (!key) return undefined;
    const account = await findAccount(db, key.accountId);
    if (!account) return undefined;
    const context = { accountId: account.id, defaultCurrency: account.defaultCurrency, mode: account.mode };
    if (generation !== revocations) return context;
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(token, { account: context, keyId: key.id, expires: now() + ttlMs });
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
