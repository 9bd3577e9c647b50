import type { Selectable } from "kysely";
import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import type { CrmConnectionsTable } from "../db/schema.ts";

export type ConnectionRow = Selectable<CrmConnectionsTable>;

export async function findConnectionRow(
  db: Db,
  accountId: number,
  crm: string,
): Promise<ConnectionRow | undefined> {
  return db
    .selectFrom("crmConnections")
    .selectAll()
    .where("accountId", "=", accountId)
    .where("crm", "=", crm)
    .executeTakeFirst();
}

export async function upsertConnectionRow(
  db: Db,
  values: { accountId: number; crm: string; baseUrl: string; credentialsEncrypted: string; settings: object },
): Promise<ConnectionRow> {
  const settings = JSON.stringify(values.settings);
  return db
    .insertInto("crmConnections")
    .values({ ...values, settings })
    .onConflict((conflict) =>
      conflict.columns(["accountId", "crm"]).doUpdateSet({
        baseUrl: values.baseUrl,
        credentialsEncrypted: values.credentialsEncrypted,
        settings,
        updatedAt: sql<Date>`now()`,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteConnectionRow(db: Db, accountId: number, crm: string): Promise<boolean> {
  const result = await db
    .deleteFrom("crmConnections")
    .where("accountId", "=", accountId)
    .where("crm", "=", crm)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
