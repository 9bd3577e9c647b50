import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { insertCustomer } from "../customers/customer-repository.ts";
import { testBackends } from "../testing/test-database.ts";
import { runCliInProcess } from "./testing/cli-in-process.ts";
import { type CliDatabase, CliProcess, openCliDatabase, runCli } from "./testing/cli-process.ts";
import { enqueueDeadPush } from "./testing/dead-push.ts";

const COMMANDS = [
  [],
  ["start"],
  ["worker"],
  ["migrate"],
  ["accounts"],
  ["accounts", "create"],
  ["accounts", "list"],
  ["accounts", "mode"],
  ["keys"],
  ["keys", "create"],
  ["keys", "list"],
  ["keys", "revoke"],
  ["customers"],
  ["customers", "import"],
  ["sync"],
  ["sync", "status"],
  ["sync", "replay"],
];

describe("latchwork usage", () => {
  test("the binary prints what the in-process command tree prints, with the same exit codes", async () => {
    const cases: [string[], number][] = [
      [["--help"], 0],
      [["bogus"], 2],
      [["keys", "revoke", "abc"], 2],
    ];
    for (const [args, code] of cases) {
      const spawned = await runCli(args);
      assert.equal(spawned.code, code, spawned.output);
      const inProcess = await runCliInProcess(args);
      assert.equal(inProcess.output, spawned.output, args.join(" "));
    }
  });

  test("every command and subcommand answers --help with its usage and exit code 0", async () => {
    for (const command of COMMANDS) {
      const run = await runCliInProcess([...command, "--help"]);
      assert.equal(run.code, 0, `${command.join(" ")}: ${run.output}`);
      assert.match(run.stdout, new RegExp(`^Usage: latchwork ${command.join(" ")}`), run.output);
    }
  });

  test("usage errors exit 2 with a message naming the problem", async () => {
    const cases: [string[], RegExp][] = [
      [["bogus"], /unknown command 'bogus'/],
      [["keys"], /Usage: latchwork keys/],
      [["keys", "revoke"], /missing required argument 'keyId'/],
      [
        ["keys", "revoke", "abc"],
        /value 'abc' is invalid for argument 'keyId'\. expected a positive integer/,
      ],
      [["keys", "list", "--account", "0"], /'--account <id>' argument '0' is invalid/],
      [
        ["accounts", "create", "A", "--currency", "XYZ"],
        /argument 'XYZ' is invalid\. expected one of AUD, BRL/,
      ],
      [["sync", "replay", "--crm", "zoho"], /crm must be salesforce, hubspot or netsuite/],
      [["start", "--port", "http"], /expected a port number/],
      [["customers", "import"], /missing required argument 'file'/],
      [["migrate", "--nope"], /unknown option '--nope'/],
    ];
    for (const [args, message] of cases) {
      const run = await runCliInProcess(args);
      assert.equal(run.code, 2, `${args.join(" ")}: ${run.output}`);
      assert.match(run.stderr, message, `${args.join(" ")}: ${run.output}`);
    }
  });
});

for (const backend of testBackends()) {
  describe(`latchwork accounts, keys and sync [${backend}]`, () => {
    let database: CliDatabase;
    before(async () => {
      database = await openCliDatabase(backend);
    });
    after(() => database.close());
    const cli = (...args: string[]) => runCliInProcess([...args, ...database.flags]);

    test("migrate reports a database already up to date", async () => {
      const run = await cli("migrate");
      assert.equal(run.code, 0, run.output);
      assert.equal(run.stdout, "The database is already up to date.\n", run.output);
    });

    test("accounts create prints the new account's key once; accounts list shows it without the key", async () => {
      const created = await cli("accounts", "create", "Acme Inc.", "--currency", "CAD", "--json");
      assert.equal(created.code, 0, created.output);
      const account = JSON.parse(created.stdout);
      assert.equal(account.currency, "CAD", created.output);
      assert.match(account.apiKey, /^[A-Za-z0-9+/]+=*$/, created.output);

      const listed = await cli("accounts", "list");
      assert.equal(listed.code, 0, listed.output);
      assert.match(
        listed.stdout,
        new RegExp(`^${account.id}\\s+Acme Inc\\.\\s+CAD\\s+1\\s`, "m"),
        listed.output,
      );
      assert.ok(!listed.stdout.includes(account.apiKey), listed.output);
    });

    test("keys create, list and revoke: the list shows id, hint, label and dates, never the key or its hash", async () => {
      const account = JSON.parse((await cli("accounts", "create", "Keys", "--json")).stdout);
      const created = await cli("keys", "create", "--account", String(account.id), "--label", "billing job");
      assert.equal(created.code, 0, created.output);
      const [, keyId, key] =
        /^Key (\d+) created for account \d+\. .*\n {2}(\S+)\n$/.exec(created.stdout) ?? [];
      assert.ok(keyId && key, created.output);

      const revoked = await cli("keys", "revoke", keyId);
      assert.equal(revoked.code, 0, revoked.output);
      assert.match(revoked.stdout, /revoked\. Running API processes refuse it within 10 s\./, revoked.output);

      const listed = await cli("keys", "list", "--account", String(account.id), "--json");
      assert.equal(listed.code, 0, listed.output);
      const keys = JSON.parse(listed.stdout);
      assert.deepEqual(
        keys.map((entry: Record<string, unknown>) => Object.keys(entry).sort()),
        [0, 1].map(() => ["accountId", "createdAt", "hint", "id", "label", "revokedAt"]),
        listed.output,
      );
      const revokedKey = keys.find((entry: { id: number }) => entry.id === Number(keyId));
      assert.equal(revokedKey.label, "billing job", listed.output);
      assert.equal(revokedKey.hint, key.replace(/=+$/, "").slice(-4), listed.output);
      assert.notEqual(revokedKey.revokedAt, null, listed.output);
      assert.equal(
        keys.filter((entry: { revokedAt: unknown }) => entry.revokedAt === null).length,
        1,
        listed.output,
      );
      assert.ok(!listed.stdout.includes(key), listed.output);

      const table = await cli("keys", "list", "--account", String(account.id));
      assert.match(
        table.stdout,
        new RegExp(
          `^${keyId}\\s+…${key.replace(/=+$/, "").slice(-4).replace(/[+]/g, "\\+")}\\s+billing job\\s+\\S+\\s+\\S+$`,
          "m",
        ),
        table.output,
      );

      const again = await cli("keys", "revoke", keyId);
      assert.equal(again.code, 1, again.output);
      assert.match(
        again.stderr,
        new RegExp(`^latchwork: key ${keyId} was already revoked at `),
        again.output,
      );
      const unknown = await cli("keys", "revoke", "999999");
      assert.equal(unknown.code, 1, unknown.output);
      assert.equal(unknown.stderr, "latchwork: key 999999 does not exist\n", unknown.output);
      const noAccount = await cli("keys", "list", "--account", "999999");
      assert.equal(noAccount.code, 1, noAccount.output);
      assert.equal(noAccount.stderr, "latchwork: account 999999 does not exist\n", noAccount.output);
    });

    test("sync status shows the account's queue and one customer's state; sync replay requeues dead letters", async () => {
      const account = JSON.parse((await cli("accounts", "create", "Sync", "--json")).stdout);
      const customerId = await database.inspect(async (db) => {
        const customer = await insertCustomer(db, {
          accountId: account.id,
          currency: "USD",
          firstName: "Ada",
          hubSpotId: 101,
        });
        await enqueueDeadPush(db, account.id, customer.id, "hubspot", "HubSpot said 400");
        return customer.id;
      });
      const status = await cli("sync", "status", "--account", String(account.id), "--json");
      assert.equal(status.code, 0, status.output);
      const { pending, dead, oldestPendingSeconds } = JSON.parse(status.stdout).hubspot;
      assert.deepEqual(
        { pending, dead, oldestPendingSeconds },
        { pending: 0, dead: 1, oldestPendingSeconds: 0 },
        status.output,
      );
      const table = await cli("sync", "status", "--account", String(account.id));
      assert.match(table.stdout, /^hubspot\s+0\s+1\s+0$/m, table.output);

      const one = await cli(
        "sync",
        "status",
        "--account",
        String(account.id),
        "--customer",
        String(customerId),
      );
      assert.equal(one.code, 0, one.output);
      assert.match(one.stdout, /^hubspot\s+101\s+on\s+no\s+yes\s+\d+\s+-\s+HubSpot said 400$/m, one.output);
      const missing = await cli("sync", "status", "--account", String(account.id), "--customer", "999999");
      assert.equal(missing.code, 1, missing.output);
      assert.equal(missing.stderr, "latchwork: Customer with id 999999 not found.\n", missing.output);

      const none = await cli("sync", "replay", "--account", String(account.id), "--crm", "Salesforce");
      assert.equal(none.stdout, "0 dead-lettered push(es) put back in the queue.\n", none.output);
      const replayed = await cli("sync", "replay", "--account", String(account.id), "--json");
      assert.equal(replayed.code, 0, replayed.output);
      assert.deepEqual(JSON.parse(replayed.stdout), { replayed: 1 }, replayed.output);
      const after = JSON.parse(
        (await cli("sync", "status", "--account", String(account.id), "--json")).stdout,
      );
      assert.deepEqual([after.hubspot.pending, after.hubspot.dead], [1, 0], JSON.stringify(after));
    });
  });

  describe(`latchwork start [${backend}]`, () => {
    let database: CliDatabase;
    before(async () => {
      database = await openCliDatabase(backend);
    });
    after(() => database.close());

    test("starts, answers /healthz and the key it printed, and exits 0 on SIGTERM", async () => {
      const server = new CliProcess(["start", "--port", "0", ...database.flags]);
      try {
        const ready = await server.logLine("latchwork ready");
        const base = String(ready.address);
        const health = await fetch(`${base}/healthz`);
        const healthBody = await health.text();
        assert.equal(health.status, 200, healthBody);
        const key = /shown only this once\):\n {4}(\S+)\n/.exec(server.stdout)?.[1];
        assert.ok(key, server.output);
        const created = await fetch(`${base}/v1/customers`, {
          method: "POST",
          headers: { authorization: `Basic ${key}`, "content-type": "application/json" },
          body: "{firstName:'John'}",
        });
        const createdBody = await created.text();
        assert.equal(created.status, 200, createdBody);

        if (backend === "pglite") {
          // a second process on the same data dir would overwrite the server's writes
          const blocked = await runCli(["keys", "list", ...database.flags]);
          assert.equal(blocked.code, 1, blocked.output);
          assert.match(
            blocked.stderr,
            /is in use by process \d+ \(latchwork start\): PGlite can be opened by one process only/,
            blocked.output,
          );
        }
        assert.equal((await server.process.kill("SIGTERM")) && (await server.exited), 0, server.output);
        if (backend === "pglite") {
          assert.ok(
            !existsSync(path.join(database.flags[1] as string, "latchwork.pid")),
            "the data dir is released",
          );
        }
      } finally {
        if (server.process.exitCode === null) server.process.kill("SIGKILL");
      }
    });

    if (backend === "postgres")
      test("a key revoked with the CLI is refused by a running server within its 10 s key cache", async () => {
        const server = new CliProcess(["start", "--port", "0", ...database.flags]);
        try {
          const base = String((await server.logLine("latchwork ready")).address);
          const created = await runCliInProcess(["keys", "create", "--json", ...database.flags]);
          assert.equal(created.code, 0, created.output);
          const { id, apiKey } = JSON.parse(created.stdout);
          const status = async () =>
            (await fetch(`${base}/v1/customers/1`, { headers: { authorization: `Basic ${apiKey}` } })).status;
          assert.notEqual(await status(), 401, "the new key is accepted");
          const revoked = await runCliInProcess(["keys", "revoke", String(id), ...database.flags]);
          assert.equal(revoked.code, 0, revoked.output);
          let last = await status();
          // polled, not timed: the cache keeps the key for up to 10 s (a cap so a broken build fails)
          for (let i = 0; i < 300 && last !== 401; i++) {
            await new Promise((resolve) => setTimeout(resolve, 100));
            last = await status();
          }
          assert.equal(last, 401, server.output);
        } finally {
          server.process.kill("SIGTERM");
          assert.equal(await server.exited, 0, server.output);
        }
      });
  });

  describe(`latchwork worker [${backend}]`, () => {
    let database: CliDatabase;
    before(async () => {
      database = await openCliDatabase(backend);
    });
    after(() => database.close());

    if (backend === "pglite")
      test("refuses to run on PGlite, saying why", async () => {
        const run = await runCliInProcess(["worker", ...database.flags]);
        assert.equal(run.code, 1, run.output);
        assert.match(run.stderr, /^latchwork: npm run worker needs PostgreSQL/, run.output);
      });
    else
      test("runs as npm run worker does and drains on SIGTERM", async () => {
        const worker = new CliProcess(["worker", ...database.flags]);
        try {
          await worker.logLine("sync worker ready");
          worker.process.kill("SIGTERM");
          assert.equal(await worker.exited, 0, worker.output);
          assert.match(worker.stdout, /sync worker stopped/, worker.output);
        } finally {
          if (worker.process.exitCode === null) worker.process.kill("SIGKILL");
        }
      });
  });
}
