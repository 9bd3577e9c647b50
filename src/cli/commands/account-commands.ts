import { type Command, InvalidArgumentError, Option } from "commander";
import { createAccountWithKey, setAccountMode } from "../../accounts/account-service.ts";
import { listAccountsWithKeyCounts } from "../../accounts/api-key-repository.ts";
import {
  AccountAdminError,
  issueApiKey,
  listApiKeys,
  resolveAccount,
  revokeApiKey,
} from "../../accounts/api-key-service.ts";
import { CURRENCIES } from "../../customers/customer-fields.ts";
import { ACCOUNT_MODES, type AccountMode } from "../../db/schema.ts";
import { withDatabase } from "../cli-database.ts";
import { CliError } from "../cli-error.ts";
import type { CommandContext } from "../cli-io.ts";
import { formatTable, isoOrDash, printJson } from "../format-table.ts";
import { addDatabaseOptions, type DatabaseFlags, positiveInteger } from "../options.ts";

type AccountFlags = DatabaseFlags & { account?: number; json?: boolean };

/** Account ids default to the default account, so that a single-tenant install never needs one. */
export const accountOption = () =>
  new Option("--account <id>", "account id (default: the default account)").argParser(positiveInteger);

/** The services' refusals (unknown account or key, key already revoked) become plain CLI errors. */
async function adminTask<T>(task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (error) {
    if (error instanceof AccountAdminError) throw new CliError(error.message);
    throw error;
  }
}

/** What each mode means, as `accounts create` and `accounts mode` print it. */
const MODE_MEANING: Record<AccountMode, string> = {
  test: "CRMs it has not configured are the built-in sandboxes",
  live: "it never uses a sandbox CRM; its connections must be https URLs on public hosts",
};

function accountMode(value: string): AccountMode {
  const mode = value.toLowerCase() as AccountMode;
  if (!ACCOUNT_MODES.includes(mode))
    throw new InvalidArgumentError(`expected ${ACCOUNT_MODES.join(" or ")}.`);
  return mode;
}

/** Any letter case, as the API takes currencies. */
function currencyCode(value: string): string {
  const code = value.toUpperCase();
  if (!(CURRENCIES as readonly string[]).includes(code)) {
    throw new InvalidArgumentError(`expected one of ${CURRENCIES.join(", ")}.`);
  }
  return code;
}

export function registerAccountCommands(program: Command, context: CommandContext): void {
  const { stdout } = context;
  const accounts = program
    .command("accounts")
    .description("create and list accounts (tenants), and switch them between test and live mode");
  addDatabaseOptions(
    accounts
      .command("create")
      .description("create an account and its first API key (printed once: only its hash is stored)")
      .argument("<name>", "the account's name")
      .addOption(
        new Option("--currency <code>", `the currency of its new customers (${CURRENCIES.join(", ")})`)
          .argParser(currencyCode)
          .default("USD"),
      )
      .option("--live", "a live account: never uses the sandbox CRMs (default: a test account)")
      .option("--json", "print JSON"),
  ).action(
    async (name: string, flags: DatabaseFlags & { currency: string; live?: boolean; json?: boolean }) => {
      const mode: AccountMode = flags.live ? "live" : "test";
      const { account, apiKey } = await withDatabase(context, flags, "latchwork accounts create", ({ db }) =>
        createAccountWithKey(db, name, flags.currency, mode),
      );
      if (flags.json)
        return printJson(stdout, {
          id: account.id,
          name: account.name,
          currency: account.defaultCurrency,
          mode: account.mode,
          apiKey,
        });
      stdout.write(
        `Account ${account.id} (${account.name}, ${account.defaultCurrency}) created in ${account.mode} mode: ${MODE_MEANING[account.mode]}.\n` +
          `Its API key (shown only this once):\n  ${apiKey}\n`,
      );
    },
  );

  addDatabaseOptions(
    accounts
      .command("mode")
      .description(
        "switch an account between test (unconfigured CRMs are the sandboxes) and live (never a sandbox)",
      )
      .argument("<mode>", "test or live", accountMode)
      .addOption(accountOption())
      .option("--json", "print JSON"),
  ).action(async (mode: AccountMode, flags: AccountFlags) => {
    const account = await withDatabase(context, flags, "latchwork accounts mode", ({ db }) =>
      adminTask(async () => {
        const { id } = await resolveAccount(db, flags.account);
        const updated = await setAccountMode(db, id, mode);
        if (!updated) throw new AccountAdminError(`account ${id} does not exist`);
        return updated;
      }),
    );
    if (flags.json) return printJson(stdout, { id: account.id, name: account.name, mode: account.mode });
    stdout.write(
      `Account ${account.id} (${account.name}) is in ${account.mode} mode: ${MODE_MEANING[account.mode]}.\n`,
    );
  });

  addDatabaseOptions(
    accounts
      .command("list")
      .description("list the accounts and how many active keys each has")
      .option("--json", "print JSON"),
  ).action(async (flags: AccountFlags) => {
    const rows = await withDatabase(context, flags, "latchwork accounts list", ({ db }) =>
      listAccountsWithKeyCounts(db),
    );
    const view = rows.map((row) => ({
      id: row.id,
      name: row.name,
      currency: row.defaultCurrency,
      isDefault: row.isDefault,
      mode: row.mode,
      activeKeys: Number(row.activeKeys),
      createdAt: isoOrDash(row.createdAt),
    }));
    if (flags.json) return printJson(stdout, view);
    stdout.write(
      formatTable(
        ["ID", "NAME", "CURRENCY", "DEFAULT", "ACTIVE KEYS", "CREATED", "MODE"],
        view.map((row) => [
          String(row.id),
          row.name,
          row.currency,
          row.isDefault ? "yes" : "",
          String(row.activeKeys),
          row.createdAt,
          row.mode,
        ]),
      ),
    );
  });

  const keys = program.command("keys").description("create, list and revoke an account's API keys");
  addDatabaseOptions(
    keys
      .command("create")
      .description("issue a new API key (printed once: only its hash and 4 last characters are stored)")
      .addOption(accountOption())
      .option("--label <text>", "a note to tell the key apart, e.g. who uses it")
      .option("--json", "print JSON"),
  ).action(async (flags: AccountFlags & { label?: string }) => {
    const { key, apiKey } = await withDatabase(context, flags, "latchwork keys create", ({ db }) =>
      adminTask(async () =>
        issueApiKey(db, (await resolveAccount(db, flags.account)).id, flags.label ?? null),
      ),
    );
    if (flags.json)
      return printJson(stdout, {
        id: key.id,
        accountId: key.accountId,
        hint: key.hint,
        label: key.label,
        apiKey,
      });
    stdout.write(
      `Key ${key.id} created for account ${key.accountId}. The key (shown only this once):\n  ${apiKey}\n`,
    );
  });

  addDatabaseOptions(
    keys
      .command("list")
      .description("list an account's keys: id, last characters, label, created, revoked (never the key)")
      .addOption(accountOption())
      .option("--json", "print JSON"),
  ).action(async (flags: AccountFlags) => {
    const list = await withDatabase(context, flags, "latchwork keys list", ({ db }) =>
      adminTask(async () => listApiKeys(db, (await resolveAccount(db, flags.account)).id)),
    );
    const view = list.map((key) => ({
      id: key.id,
      accountId: key.accountId,
      hint: key.hint,
      label: key.label,
      createdAt: isoOrDash(key.createdAt),
      revokedAt: key.revokedAt ? isoOrDash(key.revokedAt) : null,
    }));
    if (flags.json) return printJson(stdout, view);
    stdout.write(
      formatTable(
        ["ID", "ENDS WITH", "LABEL", "CREATED", "REVOKED"],
        view.map((key) => [
          String(key.id),
          `…${key.hint}`,
          key.label ?? "",
          key.createdAt,
          key.revokedAt ?? "",
        ]),
      ),
    );
  });

  addDatabaseOptions(
    keys
      .command("revoke")
      .description(
        "revoke a key; running API processes cache keys, so they refuse it within 10 s (a key set in LATCHWORK_API_KEY is re-enabled at the next start)",
      )
      .argument("<keyId>", "the key's id (see keys list)", positiveInteger),
  ).action(async (keyId: number, flags: DatabaseFlags) => {
    const key = await withDatabase(context, flags, "latchwork keys revoke", ({ db }) =>
      adminTask(() => revokeApiKey(db, keyId)),
    );
    stdout.write(
      `Key ${key.id} (…${key.hint}) of account ${key.accountId} revoked. Running API processes refuse it within 10 s.\n`,
    );
  });
}
