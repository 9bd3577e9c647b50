import type { Db } from "../db/database.ts";
import { type CrmName, credentialsContext } from "./crm-connection.ts";
import { decryptSecret, encryptSecret, previousSecretKeys, resolveSecretKey } from "./secret-box.ts";

export interface RotationResult {
  /** Rows re-encrypted from a previous key to the current one. */
  rotated: number;
  /** Rows already under the current key. */
  current: number;
}

/**
 * The second half of a LATCHWORK_SECRET_KEY rotation (see secret-box.ts):
 * rewrites every stored CRM secret that only a previous key opens under the
 * current key. Idempotent, safe while the service runs (a row changed
 * meanwhile by PUT /v1/integrations is left as that PUT wrote it). Throws, and
 * changes nothing further, on a row that no configured key opens.
 */
export async function reencryptCredentials(
  db: Db,
  keys: { current: Buffer; previous: readonly Buffer[] } = {
    current: resolveSecretKey(),
    previous: previousSecretKeys(),
  },
): Promise<RotationResult> {
  const result: RotationResult = { rotated: 0, current: 0 };
  const rows = await db
    .selectFrom("crmConnections")
    .select(["accountId", "crm", "credentialsEncrypted"])
    .orderBy("accountId")
    .orderBy("crm")
    .execute();
  for (const row of rows) {
    const context = credentialsContext(row.accountId, row.crm as CrmName);
    try {
      decryptSecret(keys.current, row.credentialsEncrypted, context, []);
      result.current += 1;
      continue;
    } catch {
      // not the current key: one of the previous ones must open it
    }
    const plaintext = decryptSecret(keys.current, row.credentialsEncrypted, context, keys.previous);
    await db
      .updateTable("crmConnections")
      .set({ credentialsEncrypted: encryptSecret(keys.current, plaintext, context) })
      .where("accountId", "=", row.accountId)
      .where("crm", "=", row.crm)
      .where("credentialsEncrypted", "=", row.credentialsEncrypted)
      .execute();
    result.rotated += 1;
  }
  return result;
}
