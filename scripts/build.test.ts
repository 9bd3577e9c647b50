import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { openDatabase } from "../src/db/database.ts";
import { freePort } from "../src/testing/free-port.ts";
import { TEMPLATE_ENV } from "../src/testing/test-database.ts";
import { builtPath, ensureBuilt, isStale } from "./build.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const API_KEY = "MDpidWlsZC10ZXN0LWtleS0wMTIzNDU2Nzg5YWJjZGVm";

/** Polls `url` until it answers (or the child exits): the runner's own timeout bounds a hang. */
async function firstAnswer(url: string, child: ChildProcess, output: () => string): Promise<Response> {
  for (;;) {
    if (child.exitCode !== null) assert.fail(`the built main exited (${child.exitCode}):\n${output()}`);
    try {
      return await fetch(url, { headers: { authorization: `Basic ${API_KEY}` } });
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe("the bundle scripts/build.ts writes", () => {
  // inside the repository, so that the bundle resolves its external packages from node_modules as dist/ does
  mkdirSync(path.join(ROOT, "dist"), { recursive: true });
  const outDir = mkdtempSync(path.join(ROOT, "dist", ".build-test-"));
  const dataDir = mkdtempSync(path.join(tmpdir(), "latchwork-build-test-"));

  before(async () => {
    await ensureBuilt({ outDir });
    // from the runner's migrated dump when there is one: initdb in WASM costs seconds (see run-tests.ts)
    const dump = process.env[TEMPLATE_ENV];
    if (!dump) return;
    const handle = await openDatabase({ dataDir, pgliteTemplate: new Blob([readFileSync(dump)]) });
    // a PGlite loaded from a dump must run a query before close (see test-database.ts)
    await sql`select 1`.execute(handle.db);
    await handle.db.destroy();
  });

  after(() => {
    rmSync(outDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("counts as up to date right after a build, so prestart does not rebuild", () => {
    assert.equal(isStale(outDir), false, outDir);
  });

  test("has a source map that points stack traces at the TypeScript sources", () => {
    const map = JSON.parse(readFileSync(`${builtPath("src/main.ts", outDir)}.map`, "utf8"));
    const sources = (map.sources as string[]).map((source) =>
      path.resolve(path.dirname(builtPath("src/main.ts", outDir)), source),
    );
    assert.ok(sources.includes(path.join(ROOT, "src/main.ts")), JSON.stringify(map.sources));
  });

  test("starts as `npm start` runs it, on a PGlite data dir of its own, and answers GET /v1/customers and /docs/", async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ["--enable-source-maps", builtPath("src/main.ts", outDir)], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        DATA_DIR: dataDir,
        DATABASE_URL: "",
        LATCHWORK_API_KEY: API_KEY,
        LATCHWORK_FIXTURES: "",
        LOG_LEVEL: "warn",
        WORKER: "off",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout?.on("data", (chunk) => {
      output += String(chunk);
    });
    child.stderr?.on("data", (chunk) => {
      output += String(chunk);
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      const response = await firstAnswer(`http://127.0.0.1:${port}/v1/customers`, child, () => output);
      const body = await response.text();
      assert.equal(response.status, 200, `${body}\n${output}`);
      assert.deepEqual(JSON.parse(body), [], body);
      const docs = await fetch(`http://127.0.0.1:${port}/docs/`);
      assert.equal(docs.status, 200, await docs.text());
    } finally {
      child.kill("SIGTERM");
      await exited;
    }
  });
});
