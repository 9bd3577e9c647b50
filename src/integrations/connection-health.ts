import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import type { ConnectionHealthView } from "./connection-view.ts";

/**
 * Whether a connection's credentials work, as the sync worker last found
 * them (migration 0007). "failing": the CRM refused them (401 after the one
 * refresh it allows); the worker then leaves the connection's pushes pending
 * until the credentials are replaced (PUT /v1/integrations/{crm}), or, for a
 * built-in sandbox connection, until `nextProbeAt`, when it tries once more.
 * A connection with no row here is healthy:
 */
export const HEALTHY: ConnectionHealthView = {
  status: "ok",
  lastError: null,
  failedAt: null,
  nextProbeAt: null,
};

/** How long a failing sandbox connection rests before a probe: doubling from `baseMs`, at most `capMs`. */
export interface ProbeDelay {
  baseMs: number;
  capMs: number;
}

interface HealthRow {
  crm: string;
  lastError: string;
  failedAt: Date;
  probeAt: Date | null;
}

const iso = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString();

function toView(row: HealthRow | undefined): ConnectionHealthView {
  if (!row) return HEALTHY;
  return {
    status: "failing",
    lastError: row.lastError,
    failedAt: iso(row.failedAt),
    nextProbeAt: iso(row.probeAt),
  };
}

/**
 * Records that the CRM refused the connection's credentials. `probe` (sandbox
 * connections only) schedules the next try, later after each failed probe;
 * without it the connection waits for new credentials.
 */
export async function markConnectionFailing(
  db: Db,
  failure: { accountId: number; crm: string; error: string; probe?: ProbeDelay | undefined },
): Promise<void> {
  const { probe } = failure;
  const probeAt = (probes: ReturnType<typeof sql>) =>
    probe
      ? sql`now() + make_interval(secs => least(${probe.capMs}::float8, ${probe.baseMs}::float8 * power(2, least(${probes}, 30))) / 1000)`
      : sql`null`;
  await sql`
    insert into crm_connection_health as h (account_id, crm, last_error, failed_at, probe_at, probes)
    values (${failure.accountId}, ${failure.crm}, ${failure.error.slice(0, 2000)}, now(), ${probeAt(sql`0`)}, 0)
    on conflict (account_id, crm) do update set
      last_error = excluded.last_error,
      failed_at = now(),
      probes = h.probes + 1,
      probe_at = ${probeAt(sql`h.probes + 1`)}`.execute(db);
}

/** The credentials work (again), or were replaced: the connection's pushes are claimed again. */
export async function clearConnectionHealth(db: Db, accountId: number, crm: string): Promise<boolean> {
  const result = await db
    .deleteFrom("crmConnectionHealth")
    .where("accountId", "=", accountId)
    .where("crm", "=", crm)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function findConnectionHealth(
  db: Db,
  accountId: number,
  crm: string,
): Promise<ConnectionHealthView> {
  const row = await db
    .selectFrom("crmConnectionHealth")
    .select(["crm", "lastError", "failedAt", "probeAt"])
    .where("accountId", "=", accountId)
    .where("crm", "=", crm)
    .executeTakeFirst();
  return toView(row);
}

/** Every CRM's health for one account (CRMs without a row are healthy). */
export async function accountConnectionHealth(
  db: Db,
  accountId: number,
): Promise<(crm: string) => ConnectionHealthView> {
  const rows = await db
    .selectFrom("crmConnectionHealth")
    .select(["crm", "lastError", "failedAt", "probeAt"])
    .where("accountId", "=", accountId)
    .execute();
  return (crm) => toView(rows.find((row) => row.crm === crm));
}
