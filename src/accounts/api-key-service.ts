import type { Db } from "../db/database.ts";
import type { Account } from "../db/schema.ts";
import { findAccount, findDefaultAccount, insertApiKey } from "./account-repository.ts";
import { generateApiKey, hashApiKey, keyHint } from "./api-key.ts";
import {
  type ApiKeySummary,
  findKeySummary,
  listKeysOfAccount,
  markKeyRevoked,
} from "./api-key-repository.ts";
import { announceKeyRevoked } from "./key-revocations.ts";

/** A management operation named an account or key that is not there, or a change that cannot be made. */
export class AccountAdminError extends Error {}

/** The account with this id or, without one, the default account. */
export async function resolveAccount(db: Db, id: number | undefined): Promise<Account> {
  const account = id === undefined ? await findDefaultAccount(db) : await findAccount(db, id);
  if (account) return account;
  throw new AccountAdminError(
    id === undefined
      ? "there is no default account yet: start Latchwork once (it creates one), or name an account with --account"
      : `account ${id} does not exist`,
  );
}

/** Issues a new key for an account; the key is returned once, only its hash and last characters are stored. */
export async function issueApiKey(
  db: Db,
  accountId: number,
  label: string | null,
): Promise<{ key: ApiKeySummary; apiKey: string }> {
  const apiKey = generateApiKey();
  const { id } = await insertApiKey(db, {
    accountId,
    keyHash: hashApiKey(apiKey),
    hint: keyHint(apiKey),
    label,
  });
  const key = await findKeySummary(db, id);
  if (!key) throw new Error(`key ${id} vanished right after its insert`);
  return { key, apiKey };
}

export async function listApiKeys(db: Db, accountId: number): Promise<ApiKeySummary[]> {
  return listKeysOfAccount(db, accountId);
}

/**
 * Revokes a key in the database. An API running in this process refuses it at
 * once; API processes elsewhere cache a resolved key for up to 10 s
 * (src/http/auth.ts), so they refuse it within that time.
 */
export async function revokeApiKey(db: Db, id: number): Promise<ApiKeySummary> {
  const revoked = await markKeyRevoked(db, id);
  if (revoked) {
    announceKeyRevoked(id);
    return revoked;
  }
  const existing = await findKeySummary(db, id);
  throw new AccountAdminError(
    existing
      ? `key ${id} was already revoked at ${existing.revokedAt?.toISOString()}`
      : `key ${id} does not exist`,
  );
}
