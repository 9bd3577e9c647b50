/**
 * `npm start` as a real process (src/main.ts on a PGlite data dir): a run that
 * creates customers, stores CRM connections with secrets, latches and syncs
 * to the three sandbox CRMs must log none of the secrets; SIGTERM and SIGINT
 * let a request in flight finish, then the process exits 0; one killed with
 * SIGKILL starts again on its data dir.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { entryArgs } from "../../src/testing/entry-args.ts";
import { sleep } from "../../src/testing/wait-for.ts";

const API_KEY = `ops-key-${randomBytes(12).toString("hex")}`;
const SECRET_KEY = randomBytes(32).toString("hex");
const HUBSPOT_TOKEN = `pat-na1-${randomBytes(12).toString("hex")}`;
const SALESFORCE_SECRET = `sf-secret-${randomBytes(12).toString("hex")}`;
const NETSUITE_CONSUMER_SECRET = `ns-consumer-${randomBytes(12).toString("hex")}`;
const NETSUITE_TOKEN_SECRET = `ns-token-${randomBytes(12).toString("hex")}`;
const SECRETS = {
  API_KEY,
  SECRET_KEY,
  HUBSPOT_TOKEN,
  SALESFORCE_SECRET,
  NETSUITE_CONSUMER_SECRET,
  NETSUITE_TOKEN_SECRET,
};

/** `src/main.ts` as `npm start` runs it (entry-args.ts), with every line it writes kept. */
class Latchwork {
  readonly process: ChildProcess;
  output = "";
  stdout = "";
  readonly exited: Promise<number | null>;
  base = "";

  constructor(dataDir: string) {
    this.process = spawn(process.execPath, entryArgs("src/main.ts"), {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: "0",
        HOST: "127.0.0.1",
        DATABASE_URL: "",
        WORKER: "",
        SANDBOX: "",
        LATCHWORK_FIXTURES: "",
        LOG_LEVEL: "trace",
        LATCHWORK_API_KEY: API_KEY,
        LATCHWORK_SECRET_KEY: SECRET_KEY,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.process.stdout?.on("data", (chunk) => {
      this.stdout += chunk;
      this.output += chunk;
    });
    this.process.stderr?.on("data", (chunk) => {
      this.output += chunk;
    });
    // 'close': the process has exited and its pipes are drained, so `output` is complete
    this.exited = new Promise((resolve) => this.process.on("close", (code) => resolve(code)));
  }

  /** Waits for the "latchwork ready" line and takes the listening address from it. */
  async ready(): Promise<void> {
    let exited = false;
    void this.exited.then(() => {
      exited = true;
    });
    for (;;) {
      const line = this.jsonLines().find((entry) => entry.msg === "latchwork ready");
      if (line) {
        this.base = String(line.address);
        return;
      }
      assert.ok(!exited, `exited before it was ready: ${this.output}`);
      await sleep(50);
    }
  }

  jsonLines(): Record<string, unknown>[] {
    return this.stdout
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  async api(method: string, url: string, body?: unknown) {
    const response = await fetch(`${this.base}${url}`, {
      method,
      headers: { authorization: `Basic ${API_KEY}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, text, json: () => JSON.parse(text) };
  }

  async sandbox(method: string, url: string, body?: unknown) {
    const response = await fetch(`${this.base}/sandbox/hubspot${url}`, {
      method,
      headers: { authorization: "Bearer test-admin", "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, text, json: () => JSON.parse(text) };
  }
}

async function newCustomer(app: Latchwork): Promise<number> {
  const r = await app.api("POST", "/v1/customers", { firstName: "Ann", lastName: "Ops" });
  assert.equal(r.status, 200, r.text);
  return r.json().id;
}

/**
 * Starts a HubSpot latch that the sandbox holds (a latency fault) and resolves
 * once the sandbox has the held call, so the API request is surely in flight.
 * The record is a new one: the sandbox forgets its records at restart (its ids
 * start over) while the database keeps the latches, so each run takes another type.
 */
async function latchInFlight(app: Latchwork, type: "contacts" | "companies") {
  const customer = await newCustomer(app);
  const record = await app.sandbox("POST", `/crm/v3/objects/${type}`, { properties: { name: "Ops" } });
  assert.equal(record.status, 201, record.text);
  const fault = await app.sandbox("POST", "/_faults", { kind: "latency", delayMs: 60_000, count: 1 });
  assert.equal(fault.status, 201, fault.text);
  const response = app.api("POST", "/v1/HubSpot/latchCustomer", {
    fusebillId: customer,
    [type === "contacts" ? "hubSpotId" : "hubSpotCompanyId"]: record.json().id,
  });
  for (let i = 0; i < 600; i++) {
    const faults = await app.sandbox("GET", "/_faults");
    if (faults.json().faults.length === 0) return { customer, response };
    await sleep(50);
  }
  assert.fail(`the latch never reached the sandbox: ${app.output}`);
}

/**
 * Polls /metrics until the in-process worker has pushed to every CRM (a cap only
 * so that a bug fails); the CRM request counters saw the calls of all three.
 */
async function waitForPushes(app: Latchwork): Promise<void> {
  const crms = ["hubspot", "salesforce", "netsuite"];
  const pushedToAll = (text: string) =>
    crms.every((crm) =>
      new RegExp(`^latchwork_sync_pushes_total\\{crm="${crm}",outcome="pushed"\\} [1-9]`, "m").test(text),
    );
  let text = "";
  for (let i = 0; i < 1200 && !pushedToAll(text); i++) {
    if (i > 0) await sleep(100);
    text = await (await fetch(`${app.base}/metrics`)).text();
  }
  assert.ok(pushedToAll(text), `not every CRM received a push: ${text}`);
  for (const crm of crms)
    assert.match(
      text,
      new RegExp(`^latchwork_crm_requests_total\\{crm="${crm}",status="2\\d\\d"\\} [1-9]`, "m"),
      text,
    );
}

function assertNoSecretIn(output: string): void {
  for (const [name, value] of Object.entries(SECRETS))
    assert.ok(!output.includes(value), `${name} appears in the output:\n${output}`);
}

describe("npm start as a process", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "latchwork-ops-"));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test("a run with connections, latches and syncs logs JSON lines with request ids and no secret; SIGTERM lets the request in flight finish and exits 0", async () => {
    const app = new Latchwork(dataDir);
    try {
      await app.ready();
      const customer = await newCustomer(app);
      const connections = {
        hubspot: { baseUrl: `${app.base}/sandbox/hubspot`, credentials: { accessToken: HUBSPOT_TOKEN } },
        salesforce: {
          baseUrl: `${app.base}/sandbox/salesforce`,
          credentials: {
            instanceUrl: `${app.base}/sandbox/salesforce`,
            clientId: "ops-client",
            clientSecret: SALESFORCE_SECRET,
          },
        },
        netsuite: {
          baseUrl: `${app.base}/sandbox/netsuite`,
          credentials: {
            accountId: "SANDBOX",
            consumerKey: "ops-consumer",
            consumerSecret: NETSUITE_CONSUMER_SECRET,
            tokenId: "ops-token",
            tokenSecret: NETSUITE_TOKEN_SECRET,
          },
        },
      };
      for (const [crm, body] of Object.entries(connections)) {
        const r = await app.api("PUT", `/v1/integrations/${crm}`, body);
        assert.equal(r.status, 200, r.text);
        assert.equal(r.json().source, "configured", r.text);
      }
      const steps: [string, unknown][] = [
        ["/v1/HubSpot/latchCustomer", { fusebillId: customer, hubSpotId: 101 }],
        ["/v1/Salesforce/Latch", { fusebillId: customer, salesforceId: "0014100000JJ3wtAAD" }],
        [`/v1/Salesforce/EnableSynch/${customer}`, undefined],
        ["/v1/NetSuite/LatchCustomer", { fusebillId: customer, netsuiteId: "1744203" }],
        [`/v1/Netsuite/EnableSynch/${customer}`, undefined],
      ];
      for (const [url, body] of steps) {
        const r = await app.api("POST", url, body);
        assert.equal(r.status, 200, `${url}: ${r.text}`);
      }
      const current = await app.api("GET", `/v1/customers/${customer}`);
      const replaced = await app.api("PUT", "/v1/customers", { ...current.json(), firstName: "Annie" });
      assert.equal(replaced.status, 200, replaced.text);
      await waitForPushes(app);

      const { response } = await latchInFlight(app, "contacts");
      app.process.kill("SIGTERM");
      const latched = await response;
      assert.equal(latched.status, 200, latched.text);
      assert.equal(await app.exited, 0, app.output);

      assertNoSecretIn(app.output);
      const lines = app.jsonLines();
      assert.equal(lines.length, app.stdout.split("\n").filter(Boolean).length, app.stdout);
      const requestLines = lines.filter((line) => line.req !== undefined || line.res !== undefined);
      assert.ok(requestLines.length > 20, app.stdout);
      for (const line of requestLines) assert.ok(typeof line.reqId === "string", JSON.stringify(line));
    } finally {
      app.process.kill("SIGKILL");
    }
  });

  test("SIGINT also lets the request in flight finish, then exits 0", async () => {
    const app = new Latchwork(dataDir);
    try {
      await app.ready();
      // the connection stored by the first run points at that run's port: back to this run's sandbox
      const forget = await app.api("DELETE", "/v1/integrations/hubspot");
      assert.ok(forget.status < 300, forget.text);
      const { response } = await latchInFlight(app, "companies");
      app.process.kill("SIGINT");
      const latched = await response;
      assert.equal(latched.status, 200, latched.text);
      assert.equal(await app.exited, 0, app.output);
      assertNoSecretIn(app.output);
    } finally {
      app.process.kill("SIGKILL");
    }
  });

  test("a server killed with SIGKILL starts again on its data dir, though latchwork.pid names a live process (pid 1, as in Docker)", async () => {
    const killed = new Latchwork(dataDir);
    try {
      await killed.ready();
    } finally {
      killed.process.kill("SIGKILL");
    }
    await killed.exited;
    // what a container restarted on its volume finds: the pid the dead server had, which is the new one's own
    writeFileSync(path.join(dataDir, "latchwork.pid"), "1\nlatchwork start\n");
    const restarted = new Latchwork(dataDir);
    try {
      await restarted.ready();
      restarted.process.kill("SIGTERM");
      assert.equal(await restarted.exited, 0, restarted.output);
    } finally {
      restarted.process.kill("SIGKILL");
    }
  });
});
