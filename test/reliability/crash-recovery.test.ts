import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { freePort } from "../../src/testing/free-port.ts";
import { testBackends } from "../../src/testing/test-database.ts";
import { sleep } from "../../src/testing/wait-for.ts";
import { RecordingSandbox } from "./support/recording-sandbox.ts";
import { credentialSecrets, leakedSecrets } from "./support/secret-scan.ts";
import { createStorage, LONG, ServerProcess } from "./support/server-process.ts";
import {
  ApiClient,
  connectCrms,
  createSyncedCustomers,
  type SyncedCustomer,
  waitForDelivery,
} from "./support/synced-customers.ts";

/** `npm run test:reliability`: 20 kills; `npm test`: 3. */
const KILLS = LONG ? 20 : 3;
const CUSTOMERS = 6;
/** A claim held by a killed worker is taken over after its 60 s lease; then the backoff of its retries. */
const DELIVERY_DEADLINE_MS = 180_000;

/**
 * What a writer knows about one customer: the companyName of its last
 * acknowledged PUT, and the PUTs sent after it that got no answer (in flight
 * when the server died: each may or may not have committed). Writes to one
 * customer are sequential, so the stored value must be one of these.
 */
interface WriterState {
  customer: SyncedCustomer;
  acked: string;
  ackedCount: number;
  unanswered: Set<string>;
  unexpected: string[];
}

async function until(condition: () => boolean, deadlineMs = 120_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`no write was acknowledged within ${deadlineMs} ms`);
    await sleep(20);
  }
}

function refusedConnection(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code === "ECONNREFUSED";
}

async function writeLoop(api: ApiClient, state: WriterState, index: number, control: { run: boolean }) {
  for (let n = 1; control.run; n++) {
    const marker = `crash-${index}-${n}`;
    try {
      const answer = await api.call(
        "PUT",
        "/v1/customers",
        {
          id: state.customer.id,
          status: "Draft",
          firstName: "Reli",
          lastName: `Able${index}`,
          companyName: marker,
        },
        10_000,
      );
      if (answer.status === 200) {
        state.acked = marker;
        state.ackedCount += 1;
        state.unanswered.clear();
      } else if (answer.status >= 500) {
        // it may have committed before failing; and a server error under load is a finding of its own
        state.unanswered.add(marker);
        state.unexpected.push(`${marker}: ${answer.status} ${answer.body}`);
      } else {
        state.unexpected.push(`${marker}: ${answer.status} ${answer.body}`);
      }
    } catch (error) {
      // a refused connection never reached a server; anything else may have committed
      if (!refusedConnection(error)) state.unanswered.add(marker);
      await sleep(20);
    }
  }
}

for (const backend of testBackends()) {
  describe(`crash recovery: kill -9 of npm start under load [${backend}]`, () => {
    test(`every acknowledged write survives ${KILLS} kill -9s and every queued CRM push is delivered afterwards`, async (t) => {
      const storage = await createStorage(backend);
      const sandbox = await RecordingSandbox.start();
      const apiKey = `lw-${randomBytes(18).toString("base64url")}`;
      const secretKey = randomBytes(32).toString("hex");
      const server = new ServerProcess(
        { ...storage.env, LATCHWORK_API_KEY: apiKey, LATCHWORK_SECRET_KEY: secretKey },
        await freePort(),
      );
      let control = { run: false };
      try {
        await server.start();
        const api = new ApiClient(server.url, apiKey);
        const credentials = await connectCrms(api, sandbox);
        const customers = await createSyncedCustomers(api, sandbox, CUSTOMERS, "crash");
        const createsBefore = sandbox.creates().length;
        const states: WriterState[] = customers.map((customer, index) => ({
          customer,
          acked: `crash-${index}-init`,
          ackedCount: 0,
          unanswered: new Set(),
          unexpected: [],
        }));

        for (let kill = 1; kill <= KILLS; kill++) {
          control = { run: true };
          const before = states.map((state) => state.ackedCount);
          const writers = states.map((state, index) => writeLoop(api, state, index, control));
          // once every writer has had a write acknowledged by this life of the server
          await until(() => states.every((state, index) => state.ackedCount > (before[index] as number)));
          // a random moment: mid-PUT, mid-commit, mid-push or between them
          await sleep(Math.floor(Math.random() * 1_500));
          await server.kill9();
          control.run = false;
          await Promise.all(writers);
          await server.start();

          const lost: string[] = [];
          for (const state of states) {
            const stored = (await api.ok("GET", `/v1/customers/${state.customer.id}`)).companyName as string;
            if (stored !== state.acked && !state.unanswered.has(stored))
              lost.push(`customer ${state.customer.id}: stored ${stored}, acknowledged ${state.acked}`);
            state.acked = stored;
            state.unanswered.clear();
          }
          assert.deepEqual(lost, [], `after kill ${kill}: ${lost.join("; ")}\n${server.tail()}`);
        }
        const unexpected = states.flatMap((state) => state.unexpected);
        assert.deepEqual(unexpected, [], `${unexpected.join("\n")}\n${server.errorLines()}`);
        const acknowledged = states.reduce((sum, state) => sum + state.ackedCount, 0);
        t.diagnostic(`${KILLS} kills, ${acknowledged} acknowledged writes, ${server.starts} starts`);

        const undelivered = await waitForDelivery(api, sandbox, customers, DELIVERY_DEADLINE_MS);
        assert.deepEqual(undelivered, [], `${undelivered.join("\n")}\n${server.tail()}`);
        assert.equal(
          sandbox.creates().length,
          createsBefore,
          JSON.stringify(sandbox.creates().slice(createsBefore)),
        );

        const secrets = [apiKey, secretKey, ...credentialSecrets(credentials), ...sandbox.issuedTokens];
        assert.deepEqual(
          leakedSecrets(server.output, secrets),
          [],
          "a secret appears in the server's output",
        );
      } finally {
        control.run = false;
        await server.stop();
        await sandbox.close();
        await storage.dispose();
      }
    });
  });
}
