import assert from "node:assert/strict";
import { before, test } from "node:test";
import { sql } from "kysely";
import { describeOnEachBackend, type TestAccount } from "../testing/test-app.ts";

/** The value of one sample line (`name{labels} value`) in /metrics; 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split("\n")) {
    const match = /^([a-z_:][a-z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? "").split(",");
    if (wanted.every((pair) => present.includes(pair))) return Number(match[3]);
  }
  return 0;
}

describeOnEachBackend("GET /metrics", (ctx) => {
  let self = "";
  before(async () => {
    // a PGlite opened from the test template spins at close if it never ran a query
    await sql`select 1`.execute(ctx.db);
    self = await ctx.app.listen({ port: 0, host: "127.0.0.1" });
  });

  async function metrics(): Promise<string> {
    const r = await ctx.app.inject({ method: "GET", url: "/metrics" });
    assert.equal(r.statusCode, 200, r.body);
    assert.match(String(r.headers["content-type"]), /^text\/plain; version=0\.0\.4/, r.body);
    return r.body;
  }

  async function newCustomer(account: TestAccount): Promise<number> {
    const r = await ctx.app.inject({
      method: "POST",
      url: "/v1/customers",
      headers: account.headers,
      payload: {},
    });
    assert.equal(r.statusCode, 200, r.body);
    return r.json().id;
  }

  test("request durations are counted by method, route template and status, never by raw URL", async () => {
    const account = await ctx.newAccount();
    const first = await newCustomer(account);
    const second = await newCustomer(account);
    const before = await metrics();
    const labels = { method: "GET", route: "/v1/customers/:id", status_code: "200" };
    for (const id of [first, second]) {
      const r = await ctx.app.inject({ method: "GET", url: `/v1/customers/${id}`, headers: account.headers });
      assert.equal(r.statusCode, 200, r.body);
    }
    for (const path of ["/no/such/page", `/random/${Date.now()}`]) {
      const r = await ctx.app.inject({ method: "GET", url: path });
      assert.equal(r.statusCode, 404, r.body);
    }
    const after = await metrics();
    const name = "latchwork_http_request_duration_seconds_count";
    assert.equal(sample(after, name, labels) - sample(before, name, labels), 2, after);
    const unmatched = { method: "GET", route: "unmatched", status_code: "404" };
    assert.equal(sample(after, name, unmatched) - sample(before, name, unmatched), 2, after);
    assert.ok(!after.includes(`/v1/customers/${first}`), after);
    assert.ok(!after.includes("/no/such/page"), after);
    assert.match(after, /latchwork_http_request_duration_seconds_bucket\{le="0\.005",method="GET"/, after);
  });

  test("CRM requests are counted by CRM and answer status, 429s included", async () => {
    const account = await ctx.newAccount();
    const customer = await newCustomer(account);
    const fault = await fetch(`${self}/sandbox/hubspot/_faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ kind: "429", count: 1 }),
    });
    assert.equal(fault.status, 201, await fault.text());
    const before = await metrics();
    const latch = (body: object) =>
      fetch(`${self}/v1/HubSpot/latchCustomer`, {
        method: "POST",
        headers: account.headers,
        body: JSON.stringify(body),
      });
    const limited = await latch({ fusebillId: customer, hubSpotId: 101 });
    assert.equal(limited.status, 502, await limited.text());
    const latched = await latch({ fusebillId: customer, hubSpotId: 101 });
    assert.equal(latched.status, 200, await latched.text());
    const after = await metrics();
    const name = "latchwork_crm_requests_total";
    const delta = (labels: Record<string, string>) =>
      sample(after, name, labels) - sample(before, name, labels);
    assert.equal(delta({ crm: "hubspot", status: "429" }), 1, after);
    assert.ok(delta({ crm: "hubspot", status: "200" }) >= 1, after);
    // the fault injection itself is a sandbox control, not a CRM call
    assert.equal(delta({ crm: "hubspot", status: "201" }), 0, after);
  });

  test("the outbox depth and the age of its oldest change are served per CRM", async () => {
    const text = await metrics();
    for (const crm of ["hubspot", "salesforce", "netsuite"]) {
      assert.match(text, new RegExp(`^latchwork_sync_outbox_pending\\{crm="${crm}"\\} \\d+$`, "m"), text);
      assert.match(
        text,
        new RegExp(`^latchwork_sync_outbox_oldest_pending_seconds\\{crm="${crm}"\\} `, "m"),
        text,
      );
    }
  });

  test("metric names follow Prometheus conventions: snake_case, base units, _total counters", async () => {
    const text = await metrics();
    const types = [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map(([, name, type]) => ({ name, type }));
    assert.ok(types.length > 10, text);
    for (const { name, type } of types) {
      assert.match(String(name), /^[a-z][a-z0-9_]*$/, text);
      // prom-client's own process metrics are what they are (nodejs_active_resources_total is a gauge)
      if (!String(name).startsWith("latchwork_")) continue;
      if (type === "counter") assert.match(String(name), /_total$/, `${name}: ${text}`);
      else assert.doesNotMatch(String(name), /_total$/, `${name}: ${text}`);
      assert.doesNotMatch(String(name), /_(ms|milliseconds|minutes)(_|$)/, `${name}: ${text}`);
    }
    const ours = types.filter(({ name }) => String(name).startsWith("latchwork_")).map(({ name }) => name);
    assert.deepEqual(
      ours.filter((name) => String(name).includes("duration")),
      ["latchwork_http_request_duration_seconds"],
      text,
    );
    assert.ok(
      types.some(({ name }) => name === "process_cpu_seconds_total"),
      text,
    );
  });
});
