import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { messages } from "../../src/errors/messages.ts";
import { freePort } from "../../src/testing/free-port.ts";
import { startRestartablePostgres } from "../../src/testing/postgres-server.ts";
import { testBackends } from "../../src/testing/test-database.ts";
import { sleep } from "../../src/testing/wait-for.ts";
import { LONG, ServerProcess } from "./support/server-process.ts";

/** `npm run test:reliability`: 15 restarts; `npm test`: 3. */
const RESTARTS = LONG ? 15 : 3;
const WRITERS = 4;
/** Acknowledged PUTs each writer gets from a PostgreSQL life before it is restarted (and after the last). */
const ACKS_PER_LIFE = 10;

interface Answer {
  status: number;
  body: string;
  retryAfter: string | null;
}

/**
 * One sequential writer per customer. `unanswered`: the markers sent since the
 * last acknowledged one whose answer did not say whether they committed (503);
 * the stored value must be the acknowledged one or one of these.
 */
interface Writer {
  id: number;
  acked: string;
  ackedCount: number;
  unanswered: Set<string>;
  puts: number;
  unavailable: Answer[];
  unexpected: string[];
}

class Api {
  constructor(
    readonly url: string,
    private readonly apiKey: string,
  ) {}

  async call(method: string, route: string, body?: unknown): Promise<Answer> {
    const response = await fetch(`${this.url}${route}`, {
      method,
      headers: {
        authorization: `Basic ${this.apiKey}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      // only against a server that hangs for good: the pool's retries last seconds
      signal: AbortSignal.timeout(120_000),
    });
    return {
      status: response.status,
      body: await response.text(),
      retryAfter: response.headers.get("retry-after"),
    };
  }
}

async function writeLoop(api: Api, writer: Writer, index: number, control: { run: boolean }): Promise<void> {
  for (let n = 1; control.run; n++) {
    const marker = `restart-${index}-${n}`;
    writer.puts += 1;
    let answer: Answer;
    try {
      answer = await api.call("PUT", "/v1/customers", {
        id: writer.id,
        status: "Draft",
        firstName: "Reli",
        lastName: `Able${index}`,
        companyName: marker,
      });
    } catch (error) {
      // the server stopped answering: what this test is about, so it ends the run
      writer.unexpected.push(`${marker}: no answer (${String(error)})`);
      control.run = false;
      return;
    }
    if (answer.status === 200) {
      writer.acked = marker;
      writer.ackedCount += 1;
      writer.unanswered.clear();
    } else if (answer.status === 503) {
      writer.unanswered.add(marker);
      writer.unavailable.push(answer);
    } else {
      writer.unexpected.push(`${marker}: ${answer.status} ${answer.body}`);
    }
  }
}

/** The errors behind the server's 503s ("the database is unavailable" lines), counted by message. */
function unavailableCauses(output: string): string[] {
  const counts = new Map<string, number>();
  for (const line of output.split("\n")) {
    if (!line.includes('"msg":"the database is unavailable"')) continue;
    const err = (JSON.parse(line) as { err?: { message?: string; code?: string } }).err;
    const cause = `${err?.code ?? ""} ${err?.message ?? ""}`.trim();
    counts.set(cause, (counts.get(cause) ?? 0) + 1);
  }
  return [...counts].map(([cause, count]) => `${count}× ${cause}`);
}

/** Waits for an event, however long a busy machine takes; stops early when a writer saw something wrong. */
async function until(condition: () => boolean, failed: () => boolean): Promise<void> {
  while (!condition() && !failed()) await sleep(20);
}

describe("PostgreSQL restarts under load [postgres]", { skip: !testBackends().includes("postgres") }, () => {
  test(`the server outlives ${RESTARTS} fast restarts of PostgreSQL under ${WRITERS} writers, answers no 500 and loses no acknowledged write`, async (t) => {
    const postgres = await startRestartablePostgres();
    const dataDir = mkdtempSync(path.join(tmpdir(), "latchwork-pg-restart-"));
    const apiKey = `lw-${randomBytes(18).toString("base64url")}`;
    const server = new ServerProcess(
      { DATABASE_URL: postgres.url, DATA_DIR: dataDir, LATCHWORK_API_KEY: apiKey },
      await freePort(),
    );
    const control = { run: true };
    let writing: Promise<unknown> | undefined;
    try {
      await server.start();
      const api = new Api(server.url, apiKey);
      const writers: Writer[] = [];
      for (let index = 0; index < WRITERS; index++) {
        const created = await api.call("POST", "/v1/customers", {
          firstName: "Reli",
          lastName: `Able${index}`,
        });
        assert.equal(created.status, 200, created.body);
        const id = (JSON.parse(created.body) as { id: number }).id;
        writers.push({
          id,
          acked: "",
          ackedCount: 0,
          unanswered: new Set(),
          puts: 0,
          unavailable: [],
          unexpected: [],
        });
      }
      writing = Promise.all(writers.map((writer, index) => writeLoop(api, writer, index, control)));
      const failed = () => !control.run || writers.some((writer) => writer.unexpected.length > 0);
      const waitForAcks = async () => {
        const before = writers.map((writer) => writer.ackedCount);
        await until(
          () =>
            writers.every((writer, index) => writer.ackedCount >= (before[index] as number) + ACKS_PER_LIFE),
          failed,
        );
      };

      await waitForAcks();
      for (let restart = 1; restart <= RESTARTS && !failed(); restart++) {
        // `pg_ctl restart -m fast` while the writers keep going; resolves once PostgreSQL accepts connections
        await postgres.restart();
        await waitForAcks();
      }
      control.run = false;
      await writing;

      const unexpected = writers.flatMap((writer) => writer.unexpected);
      assert.deepEqual(unexpected, [], `${unexpected.join("\n")}\n${server.errorLines()}\n${server.tail()}`);
      const health = await api.call("GET", "/healthz");
      assert.equal(health.status, 200, `the server process is not serving: ${health.body}\n${server.tail()}`);
      assert.equal(server.starts, 1);

      const unavailable = writers.flatMap((writer) => writer.unavailable);
      for (const answer of unavailable) {
        assert.equal(answer.retryAfter, "5", `a 503 without Retry-After: ${answer.body}`);
        assert.deepEqual(
          JSON.parse(answer.body),
          {
            ErrorId: 0,
            HttpStatusCode: 503,
            Errors: [{ Key: "Api Error", Value: messages.databaseUnavailable }],
          },
          answer.body,
        );
      }

      const lost: string[] = [];
      for (const writer of writers) {
        const answer = await api.call("GET", `/v1/customers/${writer.id}`);
        assert.equal(answer.status, 200, answer.body);
        const stored = (JSON.parse(answer.body) as { companyName: string }).companyName;
        if (stored !== writer.acked && !writer.unanswered.has(stored))
          lost.push(`customer ${writer.id}: stored ${stored}, acknowledged ${writer.acked}`);
      }
      assert.deepEqual(lost, [], lost.join("\n"));

      const metrics = await api.call("GET", "/metrics");
      const connectionErrors = Number(/^latchwork_db_connection_errors_total (\d+)/m.exec(metrics.body)?.[1]);
      const retries = Number(/^latchwork_db_checkout_retries_total (\d+)/m.exec(metrics.body)?.[1]);
      assert.ok(connectionErrors > 0, `no failed connection was counted:\n${metrics.body}`);
      const puts = writers.reduce((sum, writer) => sum + writer.puts, 0);
      const acked = writers.reduce((sum, writer) => sum + writer.ackedCount, 0);
      t.diagnostic(
        `${postgres.starts - 1} restarts, ${puts} PUTs, ${acked} acknowledged, ${unavailable.length} answered 503, 0 answered 500; ` +
          `${connectionErrors} pooled connections failed, ${retries} checkout retries`,
      );
      if (unavailable.length > 0) t.diagnostic(`503 causes: ${unavailableCauses(server.output).join("; ")}`);
    } finally {
      control.run = false;
      await writing;
      await server.stop();
      await postgres.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
