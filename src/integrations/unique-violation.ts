/**
 * True when `error` is PostgreSQL's unique_violation (23505), optionally of
 * one index. Both drivers (pg, PGlite) report `code` and `constraint`. Link
 * uniqueness relies on the partial unique indexes of migration 0002, so
 * concurrent latches cannot both win; callers turn this into a 400.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, constraint: violated } = error as { code?: unknown; constraint?: unknown };
  if (code !== "23505") return false;
  return constraint === undefined || violated === constraint;
}

/** The partial unique indexes of migration 0002-crm-links, by customer column. */
export const LINK_INDEXES = {
  salesforceId: "customers_salesforce_id_unique",
  netsuiteId: "customers_netsuite_id_unique",
  hubSpotId: "customers_hub_spot_id_unique",
  hubSpotCompanyId: "customers_hub_spot_company_id_unique",
} as const;
