import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { writeJsonServerFile } from "../http-bench.ts";
import { type Route, runLoad } from "./load.ts";
import { benchServer, jsonServer, type ServerSpec } from "./servers.ts";

const apiKey = "YmVuY2gtdGVzdA==";
const count = 200;
const work = mkdtempSync(path.join(tmpdir(), "latchwork-bench-test-"));
after(() => rmSync(work, { recursive: true, force: true }));

async function loadEveryRoute(spec: ServerSpec): Promise<void> {
  const server = await spec.start();
  try {
    assert.ok(server.coldStartMs > 0, `cold start ${server.coldStartMs}`);
    for (const route of ["GET", "LIST", "PUT", "POST"] as Route[]) {
      const result = await runLoad({
        url: server.url,
        dialect: spec.dialect,
        route,
        count,
        apiKey,
        durationSeconds: 1,
        connections: 2,
      });
      assert.ok(result.requests > 0, `${spec.name} ${route}: ${JSON.stringify(result)}`);
      assert.equal(result.errors, 0, `${spec.name} ${route}: ${JSON.stringify(result)}`);
    }
    assert.ok(server.peakRssMb() > 10, `RSS ${server.peakRssMb()}`);
  } finally {
    await server.stop();
  }
}

describe("the bench harness", () => {
  it("loads the HTTP ceiling server on every route with answers that are all 2xx", async () => {
    await loadEveryRoute(
      benchServer("ceiling", "ceiling-server.ts", apiKey, { BENCH_CUSTOMERS: String(count) }),
    );
  });

  it("loads json-server from the file it writes with the same requests, all answered 2xx", async () => {
    const file = path.join(work, "db.json");
    writeJsonServerFile(file, count);
    await loadEveryRoute(jsonServer(file));
  });
});
