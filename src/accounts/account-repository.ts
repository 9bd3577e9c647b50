import type { Db } from "../db/database.ts";
import type { Account } from "../db/schema.ts";

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
  values: { name: string; isDefault?: boolean; defaultCurrency?: string },
): Promise<Account> {
  return db.insertInto("accounts").values(values).returningAll().executeTakeFirstOrThrow();
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
