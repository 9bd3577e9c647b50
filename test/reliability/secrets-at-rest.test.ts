import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { sql } from "kysely";
import { getCrmConnection } from "../../src/integrations/crm-connection.ts";
import { reencryptCredentials } from "../../src/integrations/rotate-secret-key.ts";
import { decryptSecret, encryptSecret, previousSecretKeys } from "../../src/integrations/secret-box.ts";
import { freePort } from "../../src/testing/free-port.ts";
import { describeOnEachBackend } from "../../src/testing/test-app.ts";
import { testBackends } from "../../src/testing/test-database.ts";
import { sleep } from "../../src/testing/wait-for.ts";
import { RecordingSandbox } from "./support/recording-sandbox.ts";
import { credentialSecrets, leakedSecrets } from "./support/secret-scan.ts";
import { createStorage, ServerProcess } from "./support/server-process.ts";
import { ApiClient, connectCrms, createSyncedCustomers } from "./support/synced-customers.ts";

const key = randomBytes(32);

const CREDENTIALS = {
  hubspot: { accessToken: "pat-na1-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee" },
  salesforce: {
    instanceUrl: "https://example.my.salesforce.com",
    clientId: "3MVG9-at-rest-client-id",
    clientSecret: "at-rest-client-secret-42",
  },
  netsuite: {
    accountId: "1234567_SB1",
    consumerKey: "at-rest-consumer-key",
    consumerSecret: "at-rest-consumer-secret",
    tokenId: "at-rest-token-id",
    tokenSecret: "at-rest-token-secret",
  },
} as const;

/** Every value of every column of every row of `table`, as text. */
async function tableText(db: Parameters<typeof reencryptCredentials>[0], table: string): Promise<string> {
  const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
  return JSON.stringify(rows.rows);
}

describeOnEachBackend(
  "secrets at rest",
  (ctx) => {
    test("api_keys holds a SHA-256 hash of each key and never the key itself", async () => {
      const account = await ctx.newAccount();
      const rows = await ctx.db
        .selectFrom("apiKeys")
        .selectAll()
        .where("accountId", "=", account.accountId)
        .execute();
      assert.equal(rows.length, 1, JSON.stringify(rows));
      assert.equal(
        rows[0]?.keyHash,
        createHash("sha256").update(account.apiKey).digest("hex"),
        JSON.stringify(rows),
      );
      const all = await tableText(ctx.db, "api_keys");
      assert.deepEqual(leakedSecrets(all, [account.apiKey]), [], all);
    });

    test("crm_connections holds the credentials only as AES-GCM ciphertext bound to the account and CRM", async () => {
      const account = await ctx.newAccount();
      for (const [crm, credentials] of Object.entries(CREDENTIALS)) {
        const response = await ctx.app.inject({
          method: "PUT",
          url: `/v1/integrations/${crm}`,
          headers: account.headers,
          payload: { baseUrl: "https://crm.example.com", credentials },
        });
        assert.equal(response.statusCode, 200, response.body);
        assert.deepEqual(leakedSecrets(response.body, credentialSecrets(CREDENTIALS)), [], response.body);
      }
      const all = await tableText(ctx.db, "crm_connections");
      assert.deepEqual(leakedSecrets(all, credentialSecrets(CREDENTIALS)), [], all);
      const rows = await ctx.db
        .selectFrom("crmConnections")
        .selectAll()
        .where("accountId", "=", account.accountId)
        .execute();
      assert.equal(rows.length, 3, all);
      for (const row of rows) {
        const context = `crm_connections:${account.accountId}:${row.crm}`;
        assert.match(row.credentialsEncrypted, /^v1\./, all);
        const opened = JSON.parse(decryptSecret(key, row.credentialsEncrypted, context, []));
        assert.deepEqual(opened, CREDENTIALS[row.crm as keyof typeof CREDENTIALS], all);
        assert.throws(
          () => decryptSecret(randomBytes(32), row.credentialsEncrypted, context, []),
          /cannot be decrypted/,
        );
      }
    });

    test("a key rotation re-encrypts every stored secret under the new key, and the old key still opens them meanwhile", async () => {
      const account = await ctx.newAccount();
      const response = await ctx.app.inject({
        method: "PUT",
        url: "/v1/integrations/hubspot",
        headers: account.headers,
        payload: { credentials: CREDENTIALS.hubspot },
      });
      assert.equal(response.statusCode, 200, response.body);
      const next = randomBytes(32);
      const deps = { db: ctx.db, selfUrl: () => "http://127.0.0.1:1", secretKey: next };
      // the new key is current, the old one only listed as previous: reads keep working during the rotation
      await assert.rejects(
        getCrmConnection({ ...deps, secretKey: randomBytes(32) }, account.accountId, "hubspot"),
        /cannot be decrypted/,
      );
      const row = await ctx.db
        .selectFrom("crmConnections")
        .selectAll()
        .where("accountId", "=", account.accountId)
        .executeTakeFirstOrThrow();
      const context = `crm_connections:${account.accountId}:hubspot`;
      assert.equal(
        JSON.parse(decryptSecret(next, row.credentialsEncrypted, context, [key])).accessToken,
        CREDENTIALS.hubspot.accessToken,
      );

      const first = await reencryptCredentials(ctx.db, { current: next, previous: [key] });
      assert.ok(first.rotated >= 1, JSON.stringify(first));
      const again = await reencryptCredentials(ctx.db, { current: next, previous: [key] });
      assert.equal(again.rotated, 0, JSON.stringify(again));
      const connection = await getCrmConnection(deps, account.accountId, "hubspot");
      assert.equal(connection.credentials.accessToken, CREDENTIALS.hubspot.accessToken);
      const rotated = await ctx.db
        .selectFrom("crmConnections")
        .select("credentialsEncrypted")
        .where("accountId", "=", account.accountId)
        .executeTakeFirstOrThrow();
      assert.throws(
        () => decryptSecret(key, rotated.credentialsEncrypted, context, []),
        /cannot be decrypted/,
      );
      // a secret sealed with a key that is neither current nor previous stays unreadable
      const sealedElsewhere = encryptSecret(randomBytes(32), "{}", context);
      assert.throws(() => decryptSecret(next, sealedElsewhere, context, [key]), /cannot be decrypted/);
    });
  },
  { secretKey: key },
);

test("LATCHWORK_SECRET_KEY_PREVIOUS lists the previous keys, comma-separated, as hex or base64", () => {
  const [a, b] = [randomBytes(32), randomBytes(32)];
  const env = { LATCHWORK_SECRET_KEY_PREVIOUS: `${a.toString("hex")}, ${b.toString("base64")}` };
  assert.deepEqual(previousSecretKeys(env), [a, b]);
  assert.deepEqual(previousSecretKeys({}), []);
  assert.throws(() => previousSecretKeys({ LATCHWORK_SECRET_KEY_PREVIOUS: "short" }), /32 random bytes/);
  const sealed = encryptSecret(b, "credentials", "crm_connections:1:hubspot");
  assert.equal(
    decryptSecret(randomBytes(32), sealed, "crm_connections:1:hubspot", previousSecretKeys(env)),
    "credentials",
  );
});

const backend = testBackends().at(-1) ?? "pglite";

describe(`secrets in the logs of a full run [${backend}]`, () => {
  test("npm start at log level trace, with CRM failures and bad keys, prints no key, token or credential", async () => {
    const storage = await createStorage(backend);
    const sandbox = await RecordingSandbox.start();
    const apiKey = `lw-${randomBytes(18).toString("base64url")}`;
    const secretKey = randomBytes(32).toString("base64");
    const server = new ServerProcess(
      { ...storage.env, LATCHWORK_API_KEY: apiKey, LATCHWORK_SECRET_KEY: secretKey, LOG_LEVEL: "trace" },
      await freePort(),
    );
    try {
      await server.start();
      const api = new ApiClient(server.url, apiKey);
      const credentials = await connectCrms(api, sandbox);
      const customers = await createSyncedCustomers(api, sandbox, 2, "secrets");
      const wrongKey = `lw-${randomBytes(18).toString("base64url")}`;
      const refused = await new ApiClient(server.url, wrongKey).call("GET", "/v1/customers");
      assert.equal(refused.status, 401, refused.body);
      // the CRMs refuse the credentials: latches fail and the worker's pushes are refused
      for (const crm of ["hubspot", "salesforce", "netsuite"] as const)
        await sandbox.injectFault(crm, { kind: "revoked", durationMs: 60_000 });
      const customer = customers[0];
      assert.ok(customer);
      const latch = await api.call("POST", "/v1/HubSpot/latchCustomer", {
        fusebillId: customer.id,
        hubSpotId: customer.hubspotContact,
      });
      assert.equal(latch.status, 502, latch.body);
      await api.ok("PUT", "/v1/customers", { id: customer.id, status: "Draft", companyName: "refused" });
      // the worker's pushes of that change are refused by all three CRMs
      const deadline = Date.now() + 60_000;
      const refusedBy = () => new Set(sandbox.refusals).size;
      while (refusedBy() < 3 && Date.now() < deadline) await sleep(100);
      assert.deepEqual([...new Set(sandbox.refusals)].sort(), ["hubspot", "netsuite", "salesforce"]);
      await server.stop();
      const secrets = [
        apiKey,
        wrongKey,
        secretKey,
        ...credentialSecrets(credentials),
        ...sandbox.issuedTokens,
      ];
      assert.deepEqual(leakedSecrets(server.output, secrets), [], "a secret appears in the server's output");
      // every CRM call is logged at debug level (src/integrations/crm-call-log.ts): the search covered those lines
      const logged = new Set(
        server.output
          .split("\n")
          .filter((line) => line.includes('"msg":"CRM call"'))
          .map((line) => (JSON.parse(line) as { crm?: string }).crm),
      );
      assert.deepEqual(
        [...logged].sort(),
        ["hubspot", "netsuite", "salesforce"],
        "CRM calls were not logged",
      );
    } finally {
      await server.stop();
      await sandbox.close();
      await storage.dispose();
    }
  });
});
