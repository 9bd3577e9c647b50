import type { Db } from "../db/database.ts";

/** What may be shown of a key: never the key itself, nor its hash. */
export interface ApiKeySummary {
  id: number;
  accountId: number;
  hint: string;
  label: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

const summaryColumns = ["id", "accountId", "hint", "label", "createdAt", "revokedAt"] as const;

export async function listKeysOfAccount(db: Db, accountId: number): Promise<ApiKeySummary[]> {
  return db
    .selectFrom("apiKeys")
    .select(summaryColumns)
    .where("accountId", "=", accountId)
    .orderBy("id")
    .execute();
}

export async function findKeySummary(db: Db, id: number): Promise<ApiKeySummary | undefined> {
  return db.selectFrom("apiKeys").select(summaryColumns).where("id", "=", id).executeTakeFirst();
}

/** Marks a key revoked unless it already is; returns the key as it now stands. */
export async function markKeyRevoked(db: Db, id: number): Promise<ApiKeySummary | undefined> {
  return db
    .updateTable("apiKeys")
    .set({ revokedAt: new Date() })
    .where("id", "=", id)
    .where("revokedAt", "is", null)
    .returning(summaryColumns)
    .executeTakeFirst();
}

/** Every account with how many keys it can be reached with. */
export async function listAccountsWithKeyCounts(db: Db) {
  return db
    .selectFrom("accounts")
    .leftJoin("apiKeys", (join) =>
      join.onRef("apiKeys.accountId", "=", "accounts.id").on("apiKeys.revokedAt", "is", null),
    )
    .select((eb) => [
      "accounts.id",
      "accounts.name",
      "accounts.defaultCurrency",
      "accounts.isDefault",
      "accounts.mode",
      "accounts.createdAt",
      eb.fn.count<number>("apiKeys.id").as("activeKeys"),
    ])
    .groupBy("accounts.id")
    .orderBy("accounts.id")
    .execute();
}
