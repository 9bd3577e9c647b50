import type { CustomerInput } from "../../customers/customer-input.ts";
import { type AccountContext, createCustomerIn } from "../../customers/customer-service.ts";
import type { Db } from "../../db/database.ts";
import { ApiError } from "../../errors/api-error.ts";
import type { Progress } from "./progress.ts";
import type { SourceRow } from "./read-rows.ts";
import { checkCustomerRow } from "./validate-row.ts";

export interface ImportOptions {
  /** Check every row, the service's rules included, then roll back. */
  dryRun: boolean;
  /** Import nothing when any row is rejected. */
  strict: boolean;
  /** Told how many rows passed validation, to report the inserts' progress. */
  progress: (total: number) => Progress;
  /** Aborting (SIGINT/SIGTERM) rolls the import back at the next row. */
  signal: AbortSignal;
}

export interface RejectedRow {
  line: number;
  reason: string;
}

export interface ImportSummary {
  rows: number;
  /** Rows created (0 when nothing was committed). */
  imported: number;
  /** Rows that passed every check; equal to `imported` when committed. */
  valid: number;
  rejected: RejectedRow[];
  committed: boolean;
  /** The ids given to the imported customers, in file order. */
  ids: number[];
}

/** The import was interrupted: its transaction was rolled back, nothing is stored. */
export class ImportInterruptedError extends Error {}

class RollBack extends Error {}

/**
 * All or nothing per file: every row is validated first (schema, as POST
 * /v1/customers), then the valid rows are created in ONE transaction, through
 * the same service as the API (so its rules, e.g. the parent check, reject rows
 * too). An interruption or a database failure rolls the whole transaction back;
 * a rejected row is reported with its line and reason and the other rows go in
 * (with `strict`, none does).
 */
export async function importCustomers(
  db: Db,
  account: AccountContext,
  rows: SourceRow[],
  options: ImportOptions,
): Promise<ImportSummary> {
  const rejected: RejectedRow[] = [];
  const valid: { line: number; input: CustomerInput }[] = [];
  for (const row of rows) {
    if ("error" in row) {
      rejected.push({ line: row.line, reason: row.error });
      continue;
    }
    const check = checkCustomerRow(row.record);
    if ("reason" in check) rejected.push({ line: row.line, reason: check.reason });
    else valid.push({ line: row.line, input: check.input });
  }

  const ids: number[] = [];
  let committed = false;
  if (valid.length > 0) {
    const progress = options.progress(valid.length);
    try {
      await db.transaction().execute(async (trx) => {
        for (const [index, row] of valid.entries()) {
          if (options.signal.aborted) throw new ImportInterruptedError("interrupted");
          try {
            ids.push((await createCustomerIn(trx, account, row.input)).id);
          } catch (error) {
            // the service's rules throw before writing, so the transaction stays usable
            if (!(error instanceof ApiError)) throw error;
            rejected.push({ line: row.line, reason: error.message });
          }
          progress.update(index + 1);
        }
        if (options.dryRun || (options.strict && rejected.length > 0)) throw new RollBack();
      });
      committed = true;
    } catch (error) {
      if (!(error instanceof RollBack)) throw error;
    } finally {
      progress.finish();
    }
  }
  rejected.sort((a, b) => a.line - b.line);
  return {
    rows: rows.length,
    imported: committed ? ids.length : 0,
    valid: ids.length,
    rejected,
    committed,
    ids: committed ? ids : [],
  };
}
