import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { freePort } from "../../src/testing/free-port.ts";
import { testBackends } from "../../src/testing/test-database.ts";
import { sleep } from "../../src/testing/wait-for.ts";
import { type Crm, RecordingSandbox } from "./support/recording-sandbox.ts";
import { credentialSecrets, leakedSecrets } from "./support/secret-scan.ts";
import { createStorage, LONG, ServerProcess } from "./support/server-process.ts";
import {
  type ApiClient,
  ApiClient as Client,
  connectCrms,
  createSyncedCustomers,
  crmRecordsOf,
  type SyncedCustomer,
  waitForDelivery,
} from "./support/synced-customers.ts";

const CRMS: readonly Crm[] = ["hubspot", "salesforce", "netsuite"];
/** How long each outage lasts: long enough for several failed attempts and growing backoffs. */
const OUTAGE_MS = LONG ? 20_000 : 3_000;
const CUSTOMERS = LONG ? 12 : 4;
/** After an outage of OUTAGE_MS the next retry is at most ~2^attempts s away (full-jitter backoff). */
const DELIVERY_DEADLINE_MS = 180_000;
/** The short call timeout used while the CRMs hang; the sandbox drops each held call after HOLD_MS. */
const HUNG_TIMEOUT_MS = 1_500;
const HOLD_MS = 2_500;

/**
 * The outages a CRM goes through: 5xx, calls that never answer, a 429 storm
 * with Retry-After (Salesforce's is 403 REQUEST_LIMIT_EXCEEDED, NetSuite's the
 * concurrency refusal), and revoked credentials (401), which leave a
 * configured connection failing until its credentials are PUT again.
 */
const OUTAGES = [
  { name: "5xx", fault: { kind: "500" } },
  { name: "timeouts", fault: { kind: "timeout", delayMs: HOLD_MS } },
  // not Salesforce: its equivalent (403 REQUEST_LIMIT_EXCEEDED) means the org's daily allocation is spent,
  // and the pusher then holds off for 15 minutes by design (salesforce-pusher.ts DEFAULT_PAUSE_MS)
  { name: "429 storm", fault: { kind: "429" }, crms: ["hubspot", "netsuite"] },
  { name: "revoked token", fault: { kind: "revoked" } },
] as const;

/** Sequential PUTs of each customer, each with a new companyName, until `until`. */
async function changeDuring(api: ApiClient, customers: SyncedCustomer[], tag: string, until: number) {
  await Promise.all(
    customers.map(async (customer, index) => {
      for (let n = 1; n === 1 || Date.now() < until; n++) {
        await api.ok("PUT", "/v1/customers", {
          id: customer.id,
          status: "Draft",
          firstName: "Reli",
          lastName: `Able${index}`,
          companyName: `${tag}-${index}-${n}`,
        });
        await sleep(250);
      }
    }),
  );
}

/** Values a CRM record received more than once, e.g. `{key: [value]}`; empty when none. */
function duplicates(sandbox: RecordingSandbox, customers: SyncedCustomer[]) {
  const found: Record<string, unknown[]> = {};
  for (const customer of customers) {
    for (const record of crmRecordsOf(customer)) {
      const values = sandbox.updatesOf(record.key).map((fields) => fields[record.field]);
      const repeated = values.filter((value, index) => values.indexOf(value) !== index);
      if (repeated.length > 0) found[record.key] = repeated;
    }
  }
  return found;
}

const backends = LONG ? testBackends() : testBackends().slice(-1);

for (const backend of backends) {
  describe(`CRM outages: the sandbox CRMs fail for a while, then recover [${backend}]`, () => {
    test("after each outage every change set is delivered exactly once and no record is duplicated", async (t) => {
      const storage = await createStorage(backend);
      const sandbox = await RecordingSandbox.start();
      const apiKey = `lw-${randomBytes(18).toString("base64url")}`;
      const secretKey = randomBytes(32).toString("hex");
      const server = new ServerProcess(
        { ...storage.env, LATCHWORK_API_KEY: apiKey, LATCHWORK_SECRET_KEY: secretKey },
        await freePort(),
      );
      try {
        await server.start();
        const api = new Client(server.url, apiKey);
        const credentials = await connectCrms(api, sandbox);
        const customers = await createSyncedCustomers(api, sandbox, CUSTOMERS, "outage");
        const initial = await waitForDelivery(api, sandbox, customers, DELIVERY_DEADLINE_MS);
        assert.deepEqual(initial, [], `${initial.join("\n")}\n${server.tail()}`);
        // latching pushes the same state once per CRM latched: only the outages' changes are counted
        sandbox.deliveries.splice(0);

        for (const outage of OUTAGES) {
          if (outage.name === "timeouts") await connectCrms(api, sandbox, HUNG_TIMEOUT_MS);
          const failing: readonly Crm[] = "crms" in outage ? outage.crms : CRMS;
          for (const crm of failing)
            await sandbox.injectFault(crm, { ...outage.fault, durationMs: OUTAGE_MS });
          const tag = `outage-${outage.name.replace(/\W+/g, "")}`;
          await changeDuring(api, customers, tag, Date.now() + OUTAGE_MS);
          // the generous timeout is back before the CRMs answer again: a call given up on while the CRM
          // performs it would legitimately be sent twice
          if (outage.name === "timeouts") await connectCrms(api, sandbox);
          for (const crm of CRMS) await sandbox.clearFaults(crm);
          // new credentials (the same, re-entered) put a connection whose credentials were refused back to work
          await connectCrms(api, sandbox);

          const undelivered = await waitForDelivery(api, sandbox, customers, DELIVERY_DEADLINE_MS);
          assert.deepEqual(
            undelivered,
            [],
            `after the ${outage.name}: ${undelivered.join("\n")}\n${server.tail()}`,
          );
          t.diagnostic(`${outage.name}: ${sandbox.deliveries.length} record updates accepted so far`);
        }

        assert.deepEqual(duplicates(sandbox, customers), {}, "a change set reached a CRM record twice");
        assert.deepEqual(sandbox.creates(), [], "the sync created a CRM record");
        const secrets = [apiKey, secretKey, ...credentialSecrets(credentials), ...sandbox.issuedTokens];
        assert.deepEqual(
          leakedSecrets(server.output, secrets),
          [],
          "a secret appears in the server's output",
        );
      } finally {
        await server.stop();
        await sandbox.close();
        await storage.dispose();
      }
    });
  });
}
