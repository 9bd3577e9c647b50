import type { Db } from "../db/database.ts";
import type { Account, AccountMode } from "../db/schema.ts";

export async function findDefaultAccount(db: Db): Promise<Account | undefined> {
  return db.selectFrom("accounts").selectAll().where("isDefault", "=", true).executeTakeFirst();
}

export async function findAccount(db: Db, id: number): Promise<Account | undefined> {
  return db.selectFrom("accounts").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listAccounts(db: Db): Promise<Account[]> {
  return db.selectFrom("accounts").selectAll().orderBy("id").execute();
}

export async function insertAccount(
  db: Db,
  values: { name: string; isDefault?: boolean; defaultCurrency?: string; mode?: AccountMode },
): Promise<Account> {
  return db.insertInto("accounts").values(values).returningAll().executeTakeFirstOrThrow();
}

/** The account's mode, read fresh: whether it may fall back to a sandbox CRM is decided on it. */
export async function findAccountMode(db: Db, id: number): Promise<AccountMode | undefined> {
  const row = await db.selectFrom("accounts").select("mode").where("id", "=", id).executeTakeFirst();
  return row?.mode;
}

export async function updateAccountMode(db: Db, id: number, mode: AccountMode): Promise<Account | undefined> {
  return db.updateTable("accounts").set({ mode }).where("id", "=", id).returningAll().executeTakeFirst();
}

/** How many accounts are in each mode (for the start-up log and its sandbox warning). */
export async function countAccountsByMode(db: Db): Promise<Record<AccountMode, number>> {
  const rows = await db
    .selectFrom("accounts")
    .select((eb) => ["mode", eb.fn.countAll<number>().as("count")])
    .groupBy("mode")
    .execute();
  const counts: Record<AccountMode, number> = { test: 0, live: 0 };
  for (const row of rows) counts[row.mode] = Number(row.count);
  return counts;
}

export async function insertApiKey(
  db: Db,
  values: { accountId: number; keyHash: string; hint: string; label: string | null },
): Promise<{ id: number }> {
  return db
    .insertInto("apiKeys")
    .values({ ...values, revokedAt: null })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function countActiveKeys(db: Db, accountId: number): Promise<number> {
  const row = await db
    .selectFrom("apiKeys")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("accountId", "=", accountId)
    .where("revokedAt", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** A non-revoked key (its id and account), by the key's hash. */
export async function findActiveKeyByHash(
  db: Db,
  keyHashes: string[],
): Promise<{ id: number; accountId: number } | undefined> {
  return db
    .selectFrom("apiKeys")
    .select(["id", "accountId"])
    .where("keyHash", "in", keyHashes)
    .where("revokedAt", "is", null)
    .executeTakeFirst();
}

export async function findKeyByHash(db: Db, keyHash: string) {
  return db.selectFrom("apiKeys").selectAll().where("keyHash", "=", keyHash).executeTakeFirst();
}

export async function reactivateKey(db: Db, id: number, accountId: number): Promise<void> {
  await db.updateTable("apiKeys").set({ revokedAt: null, accountId }).where("id", "=", id).execute();
}
