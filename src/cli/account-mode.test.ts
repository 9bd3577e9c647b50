import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { testBackends } from "../testing/test-database.ts";
import { runCliInProcess } from "./testing/cli-in-process.ts";
import { type CliDatabase, CliProcess, openCliDatabase } from "./testing/cli-process.ts";

for (const backend of testBackends()) {
  describe(`latchwork accounts: test and live mode [${backend}]`, () => {
    let database: CliDatabase;
    before(async () => {
      database = await openCliDatabase(backend);
    });
    after(() => database.close());
    const cli = (...args: string[]) => runCliInProcess([...args, ...database.flags]);

    test("accounts create makes a test account, and a live one with --live; accounts list shows each mode", async () => {
      const testRun = await cli("accounts", "create", "Trial");
      assert.equal(testRun.code, 0, testRun.output);
      assert.match(testRun.stdout, /^Account (\d+) \(Trial, USD\) created in test mode: /, testRun.output);
      const testId = Number(/^Account (\d+)/.exec(testRun.stdout)?.[1]);

      const liveRun = await cli("accounts", "create", "Production", "--live", "--json");
      assert.equal(liveRun.code, 0, liveRun.output);
      const live = JSON.parse(liveRun.stdout);
      assert.equal(live.mode, "live", liveRun.output);

      const listed = await cli("accounts", "list", "--json");
      assert.equal(listed.code, 0, listed.output);
      const modes = Object.fromEntries(
        JSON.parse(listed.stdout).map((row: { id: number; mode: string }) => [row.id, row.mode]),
      );
      assert.equal(modes[testId], "test", listed.output);
      assert.equal(modes[live.id], "live", listed.output);

      const table = await cli("accounts", "list");
      assert.match(
        table.stdout,
        /^ID\s+NAME\s+CURRENCY\s+DEFAULT\s+ACTIVE KEYS\s+CREATED\s+MODE$/m,
        table.output,
      );
      assert.match(
        table.stdout,
        new RegExp(`^${live.id}\\s+Production\\s+USD\\s.*\\slive$`, "m"),
        table.output,
      );
    });

    test("accounts mode switches an account between test and live", async () => {
      const account = JSON.parse((await cli("accounts", "create", "Switch", "--json")).stdout);
      const toLive = await cli("accounts", "mode", "live", "--account", String(account.id));
      assert.equal(toLive.code, 0, toLive.output);
      assert.equal(
        toLive.stdout,
        `Account ${account.id} (Switch) is in live mode: it never uses a sandbox CRM; its connections must be https URLs on public hosts.\n`,
        toLive.output,
      );
      const toTest = await cli("accounts", "mode", "TEST", "--account", String(account.id), "--json");
      assert.equal(toTest.code, 0, toTest.output);
      assert.deepEqual(
        JSON.parse(toTest.stdout),
        { id: account.id, name: "Switch", mode: "test" },
        toTest.output,
      );

      const bad = await cli("accounts", "mode", "staging", "--account", String(account.id));
      assert.equal(bad.code, 2, bad.output);
      assert.match(
        bad.stderr,
        /value 'staging' is invalid for argument 'mode'\. expected test or live\./,
        bad.output,
      );
      const missing = await cli("accounts", "mode", "live", "--account", "999999");
      assert.equal(missing.code, 1, missing.output);
      assert.match(missing.stderr, /account 999999 does not exist/, missing.output);
    });

    if (backend === "pglite")
      test("a start beyond loopback with test accounts and the sandboxes on warns that their sandboxes are reachable", async () => {
        const server = new CliProcess(["start", "--port", "0", ...database.flags], { HOST: "0.0.0.0" });
        try {
          const ready = await server.logLine("latchwork ready");
          const accounts = ready.accounts as { test: number; live: number };
          assert.ok(accounts.test >= 1 && accounts.live >= 1, server.output);
          assert.equal(ready.sandbox, true, server.output);
          const lines = server.stdout.split("\n").filter((line) => line.startsWith("{"));
          const warning = lines.map((line) => JSON.parse(line)).find((entry) => entry.level === 40);
          assert.match(
            String(warning?.msg),
            /test accounts' sandbox CRMs \(\/sandbox\/\*\) are reachable from the network/,
            server.output,
          );
        } finally {
          server.process.kill("SIGTERM");
          assert.equal(await server.exited, 0, server.output);
        }
      });
  });
}
