import { sql } from "kysely";
import type { Db } from "../../db/database.ts";

/**
 * Hands back every claimed push at once. Only for an embedded (PGlite) database:
 * one process owns it (the data-dir lock), so any claim found at start belongs
 * to a process that died, and waiting out its lease would only delay delivery.
 * On PostgreSQL other workers may be alive; their claims expire with the lease.
 */
export async function releaseAllClaims(db: Db): Promise<number> {
  const result = await sql`
    update sync_outbox set claimed_by = null, claimed_at = null where claimed_at is not null
  `.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
