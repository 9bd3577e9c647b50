import { after, before, describe } from "node:test";
import { createAccountWithKey } from "../accounts/account-service.ts";
import type { Db } from "../db/database.ts";
import type { AccountMode } from "../db/schema.ts";
import { type App, type BuildAppOptions, buildApp } from "../http/app.ts";
import { type Backend, openTestDatabase, type TestDatabase, testBackends } from "./test-database.ts";

export interface TestAccount {
  accountId: number;
  apiKey: string;
  /** Authorization + JSON content type, ready for `app.inject`. */
  headers: Record<string, string>;
}

export interface TestContext {
  readonly backend: Backend;
  readonly db: Db;
  readonly app: App;
  /** A new account of its own, so tests in one file never see each other's customers. */
  newAccount(defaultCurrency?: string, mode?: AccountMode): Promise<TestAccount>;
}

/**
 * Runs `define` once per backend (PGlite, and PostgreSQL when the runner
 * started one), each with its own migrated database and `buildApp()` instance.
 */
export function describeOnEachBackend(
  title: string,
  define: (context: TestContext) => void,
  appOptions: Partial<BuildAppOptions> = {},
): void {
  for (const backend of testBackends()) {
    describe(`${title} [${backend}]`, () => {
      let database: TestDatabase | undefined;
      let app: App | undefined;
      const context: TestContext = {
        backend,
        get db() {
          if (!database) throw new Error("database not open yet");
          return database.db;
        },
        get app() {
          if (!app) throw new Error("app not built yet");
          return app;
        },
        async newAccount(defaultCurrency = "USD", mode: AccountMode = "test") {
          const { account, apiKey } = await createAccountWithKey(context.db, "test", defaultCurrency, mode);
          return {
            accountId: account.id,
            apiKey,
            headers: { authorization: `Basic ${apiKey}`, "content-type": "application/json" },
          };
        },
      };
      before(async () => {
        database = await openTestDatabase(backend);
        app = await buildApp({ db: database.db, ...appOptions });
      });
      after(async () => {
        await app?.close();
        await database?.close();
      });
      define(context);
    });
  }
}
