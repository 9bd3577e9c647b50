import { type Command, InvalidArgumentError } from "commander";
import { resolveAccount } from "../../accounts/api-key-service.ts";
import type { AccountContext } from "../../customers/customer-service.ts";
import type { Db } from "../../db/database.ts";
import type { Account } from "../../db/schema.ts";
import { ApiError } from "../../errors/api-error.ts";
import { messages } from "../../errors/messages.ts";
import { CRM_NAMES, type CrmName } from "../../integrations/crm-connection.ts";
import { withDatabase } from "../cli-database.ts";
import { CliError } from "../cli-error.ts";
import type { CliIo, CommandContext } from "../cli-io.ts";
import { formatTable, printJson } from "../format-table.ts";
import { addDatabaseOptions, type DatabaseFlags, positiveInteger } from "../options.ts";
import { accountOption } from "./account-commands.ts";

type SyncFlags = DatabaseFlags & { account?: number; json?: boolean };

const contextOf = (account: Account): AccountContext => ({
  accountId: account.id,
  defaultCurrency: account.defaultCurrency,
});

/** The same services as GET /v1/sync, GET /v1/customers/{id}/sync and POST /v1/sync/replay. */
async function inAccount<T>(
  context: CliIo,
  flags: SyncFlags,
  purpose: string,
  run: (db: Db, account: AccountContext) => Promise<T>,
): Promise<T> {
  return withDatabase(context, flags, purpose, async ({ db }) => {
    try {
      return await run(db, contextOf(await resolveAccount(db, flags.account)));
    } catch (error) {
      if (error instanceof ApiError) throw new CliError(error.message);
      throw error;
    }
  });
}

/** As POST /v1/sync/replay reads `crm`: any letter case, the same message otherwise. */
function crmArgument(value: string): CrmName {
  const crm = value.toLowerCase() as CrmName;
  if (!CRM_NAMES.includes(crm)) throw new InvalidArgumentError(messages.syncReplayCrm(value));
  return crm;
}

// the services load when a command runs, so that --help stays quick
const service = () => import("../../sync/routes/sync-status-service.ts");

export function registerSyncCommands(program: Command, context: CommandContext): void {
  const { stdout } = context;
  const sync = program.command("sync").description("the CRM sync queue: status and dead-letter replay");
  addDatabaseOptions(
    sync
      .command("status")
      .description(
        "per CRM: pending pushes, dead letters and the oldest pending age (or one customer's sync state)",
      )
      .addOption(accountOption())
      .option("--customer <id>", "one customer's sync state per CRM instead", positiveInteger)
      .option("--json", "print JSON (the shape the /v1 sync endpoints answer)"),
  ).action(async (flags: SyncFlags & { customer?: number }) => {
    if (flags.customer !== undefined) {
      const id = flags.customer;
      const view = await inAccount(context, flags, "latchwork sync status", async (db, account) =>
        (await service()).getCustomerSync(db, account, id),
      );
      if (flags.json) return printJson(stdout, view);
      stdout.write(
        formatTable(
          ["CRM", "LINKED ID", "SYNC", "PENDING", "DEAD", "VERSION", "PUSHED", "LAST ERROR"],
          CRM_NAMES.map((crm) => {
            const state = view[crm];
            return [
              crm,
              state.linkedId ?? "-",
              state.syncEnabled ? "on" : "off",
              state.pending ? "yes" : "no",
              state.dead ? "yes" : "no",
              String(state.version),
              state.lastPushedVersion === null ? "-" : String(state.lastPushedVersion),
              state.lastError ?? "",
            ];
          }),
        ),
      );
      return;
    }
    const view = await inAccount(context, flags, "latchwork sync status", async (db, account) =>
      (await service()).getAccountSync(db, account),
    );
    if (flags.json) return printJson(stdout, view);
    stdout.write(
      formatTable(
        ["CRM", "PENDING", "DEAD", "OLDEST PENDING (S)"],
        CRM_NAMES.map((crm) => [
          crm,
          String(view[crm].pending),
          String(view[crm].dead),
          String(Math.round(view[crm].oldestPendingSeconds)),
        ]),
      ),
    );
  });

  addDatabaseOptions(
    sync
      .command("replay")
      .description(
        "put the account's dead-lettered pushes back in the queue (a running worker picks them up)",
      )
      .addOption(accountOption())
      .option("--crm <name>", `only this CRM's (${CRM_NAMES.join(", ")}; default: all)`, crmArgument)
      .option("--json", "print JSON"),
  ).action(async (flags: SyncFlags & { crm?: CrmName }) => {
    const result = await inAccount(context, flags, "latchwork sync replay", async (db, account) =>
      (await service()).replaySync(db, account, flags.crm),
    );
    if (flags.json) return printJson(stdout, result);
    stdout.write(`${result.replayed} dead-lettered push(es) put back in the queue.\n`);
  });
}
