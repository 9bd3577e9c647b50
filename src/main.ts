import { ensureDefaultAccount } from "./accounts/account-service.ts";
import { loadConfig } from "./config.ts";
import { openDatabase } from "./db/database.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { loadFixtureFile } from "./fixtures/load-fixtures.ts";
import { buildApp } from "./http/app.ts";

const config = loadConfig();
const { db, kind } = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
await migrateToLatest(db);
const { generatedKey } = await ensureDefaultAccount(db, config.apiKey);

const app = await buildApp({
  db,
  publicUrl: config.publicUrl,
  sandbox: process.env.SANDBOX?.toLowerCase() !== "off",
  logger: { level: config.logLevel, redact: ["req.headers.authorization"] },
});
if (config.fixtures) await loadFixtureFile(db, config.fixtures, app.log);
await app.listen({ port: config.port, host: config.host });
app.log.info(
  { database: kind === "postgres" ? "postgres" : (config.databaseUrl ?? config.dataDir) },
  "latchwork ready",
);

if (generatedKey) {
  const base = config.publicUrl ?? `http://${config.host}:${config.port}`;
  // printed once, on the start that created it: only its hash is stored
  process.stdout.write(
    [
      "",
      "  Latchwork generated an API key for the default account (shown only this once):",
      `    ${generatedKey}`,
      "  Try it:",
      `    curl -X POST ${base}/v1/customers -H "Authorization: Basic ${generatedKey}" -H "Content-Type: application/json" -d "{firstName:'John',lastName:'Smith'}"`,
      "",
    ].join("\n"),
  );
}

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, "shutting down");
    await app.close();
    await db.destroy();
    process.exit(0);
  });
}
