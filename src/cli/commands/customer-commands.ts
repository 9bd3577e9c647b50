import { type Command, Option } from "commander";
import { resolveAccount } from "../../accounts/api-key-service.ts";
import { withDatabase } from "../cli-database.ts";
import { CliError, EXIT } from "../cli-error.ts";
import type { CliOutput, CommandContext } from "../cli-io.ts";
import { printJson } from "../format-table.ts";
import type { ImportSummary } from "../import/import-customers.ts";
import { createProgress } from "../import/progress.ts";
import type { ImportFormat } from "../import/read-rows.ts";
import { addDatabaseOptions, type DatabaseFlags } from "../options.ts";
import { accountOption } from "./account-commands.ts";

type ImportFlags = DatabaseFlags & {
  account?: number;
  format?: ImportFormat;
  dryRun?: boolean;
  strict?: boolean;
  json?: boolean;
};

export function registerCustomerCommands(program: Command, context: CommandContext): void {
  const customers = program.command("customers").description("bulk operations on customers");
  addDatabaseOptions(
    customers
      .command("import")
      .description(
        "create customers from a CSV file (header row of API field names) or JSON lines, validated as POST /v1/customers; " +
          "the valid rows go in one transaction (an interruption leaves nothing), rejected rows are listed with line and reason",
      )
      .argument("<file>", "the CSV or JSON lines file")
      .addOption(accountOption())
      .addOption(
        new Option("--format <format>", "csv or jsonl (default: by extension, else by content)").choices([
          "csv",
          "jsonl",
        ]),
      )
      .option("--dry-run", "check every row (the parent check included) and import nothing")
      .option("--strict", "import nothing when any row is rejected")
      .option("--json", "print the summary as JSON"),
  ).action(async (file: string, flags: ImportFlags) => {
    // loaded on use (the validator compiles its schema), so that --help stays quick
    const { ImportFileError, readImportFile } = await import("../import/read-rows.ts");
    const { ImportInterruptedError, importCustomers } = await import("../import/import-customers.ts");
    let source: Awaited<ReturnType<typeof readImportFile>>;
    try {
      source = readImportFile(file, flags.format);
    } catch (error) {
      if (error instanceof ImportFileError) throw new CliError(`${error.message}; nothing was imported`);
      throw error;
    }
    const abort = new AbortController();
    const stopListening = context.onInterrupt(() => abort.abort());
    let summary: ImportSummary;
    try {
      summary = await withDatabase(context, flags, "latchwork customers import", async ({ db }) => {
        const account = await resolveAccount(db, flags.account);
        const label = flags.dryRun ? "checking" : "importing";
        return importCustomers(
          db,
          { accountId: account.id, defaultCurrency: account.defaultCurrency },
          source.rows,
          {
            dryRun: flags.dryRun ?? false,
            strict: flags.strict ?? false,
            signal: abort.signal,
            progress: (total) => createProgress(label, total, context.stderr),
          },
        );
      });
    } catch (error) {
      if (error instanceof ImportInterruptedError) {
        throw new CliError("interrupted: the import was rolled back, nothing was imported", EXIT.interrupted);
      }
      throw error;
    } finally {
      stopListening();
    }
    report(context.stdout, summary, flags);
    if (summary.rejected.length > 0) context.exitCode = EXIT.failed;
  });
}

function report(stdout: CliOutput, summary: ImportSummary, flags: ImportFlags): void {
  if (flags.json) {
    printJson(stdout, { ...summary, dryRun: flags.dryRun ?? false });
    return;
  }
  const lines: string[] = [];
  if (flags.dryRun) {
    lines.push(`Dry run: ${summary.valid} of ${summary.rows} rows would be imported; nothing was imported.`);
  } else if (summary.committed) {
    lines.push(`Imported ${summary.imported} of ${summary.rows} rows.`);
  } else {
    const why = flags.strict && summary.rejected.length > 0 ? " (--strict: a row was rejected)" : "";
    lines.push(`Nothing was imported${why}: ${summary.valid} of ${summary.rows} rows were valid.`);
  }
  if (summary.rejected.length > 0) {
    lines.push(`Rejected ${summary.rejected.length} row(s):`);
    for (const row of summary.rejected) lines.push(`  line ${row.line}: ${row.reason}`);
  }
  stdout.write(`${lines.join("\n")}\n`);
}
