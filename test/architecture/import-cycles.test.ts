/**
 * Import cycles: route modules never import app.ts (which imports them), and the top-level folders of
 * src/ do not grow new cycles. The scanner (import-graph.ts) reads the relative import/export-from
 * specifiers of every .ts file under src/.
 *
 * Type-only imports count. They are erased at run time, but they are dependencies all the same: the
 * importer breaks when the imported module changes, and the 27-file cycle through app.ts was mostly made
 * of `import type { App, AppDeps }`. Not counting them would also let a cycle appear silently the day
 * someone turns an `import type` into a value import.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { cyclicComponents, cyclicFolderEdges, type ImportGraph, scanImports } from "./import-graph.ts";

const APP = "src/http/app.ts";
const APP_DEPS = "src/http/app-deps.ts";

/** Test code: test files, the test kits (src/testing/, src/cli/testing/) and *-test-support.ts helpers. */
function isTestCode(file: string): boolean {
  return file.endsWith(".test.ts") || file.includes("/testing/") || file.endsWith("-test-support.ts");
}

/**
 * The folder edges that still lie on a cycle between top-level folders of src/, production code only
 * (test code may import anything). app.ts counts as a node of its own, not as part of src/http: it is
 * the composition root that imports every folder's routes, and nothing but entry points and tests
 * imports it. Each edge below says why it is there; when a cycle is removed, remove its edges.
 */
const ALLOWED_FOLDER_CYCLE_EDGES: Record<string, string> = {
  // schemas use src/http/id-schema.ts and openapi/route-docs.ts, and routes use app-deps.ts ...
  "src/customers -> src/http": "routes and schemas use the HTTP kit (app-deps, id-schema, route docs)",
  // ... while the OpenAPI document (src/http/openapi/) names the customer schemas and status rules, and
  // auth.ts types the request's account with customer-service.ts's AccountContext
  "src/http -> src/customers": "openapi/ names customer schemas; auth.ts uses the AccountContext type",
  "src/integrations -> src/http": "CRM routes and sandboxes use the HTTP kit (app-deps, raw-body, docs)",
  "src/http -> src/integrations": "openapi/ names the connection schemas (connection-view, crm-connection)",
  "src/sync -> src/http": "sync routes use the HTTP kit (app-deps, raw-body, route docs)",
  // app-deps.ts: AppDeps.metrics is a SyncMetrics; openapi/named-schemas.ts names the sync schemas
  "src/http -> src/sync": "AppDeps.metrics (type) and openapi/ naming the sync schemas",
  // Not cycles by themselves (customers, integrations and sync import each other one way only), but on
  // the cycles above through src/http: they leave this list when src/http stops importing those folders.
  "src/integrations -> src/customers": "latch services and the pusher contract read customer records",
  "src/sync -> src/customers": "sync routes and the worker read customer records and schemas",
  "src/sync -> src/integrations": "the sync engine drives the CRM pushers and connections",
};

function productionGraph(graph: ImportGraph): ImportGraph {
  const files = graph.files.filter((file) => !isTestCode(file));
  const edges = new Map<string, Set<string>>();
  for (const file of files) {
    edges.set(file, new Set([...(graph.edges.get(file) ?? [])].filter((target) => !isTestCode(target))));
  }
  return { files, edges };
}

/** app.ts renamed so that topFolder() makes it a folder of its own. */
function withAppAsOwnNode(graph: ImportGraph): ImportGraph {
  const rename = (file: string) => (file === APP ? "src/http-app.ts" : file);
  const edges = new Map<string, Set<string>>();
  for (const [file, targets] of graph.edges) edges.set(rename(file), new Set([...targets].map(rename)));
  return { files: graph.files.map(rename), edges };
}

const graph = scanImports(process.cwd(), "src");

test("the scanner reads the imports of app.ts", () => {
  const imports = graph.edges.get(APP);
  assert.ok(imports, `${APP} was not scanned`);
  assert.ok(imports.has("src/customers/routes/index.ts"), "app.ts should import the customer routes");
  assert.ok(imports.has(APP_DEPS));
});

test("no import cycle goes through app.ts or a route module", () => {
  // route modules: the files that import app-deps.ts (App, AppDeps, baseUrl)
  const routeModules = new Set(graph.files.filter((file) => graph.edges.get(file)?.has(APP_DEPS)));
  assert.ok(routeModules.size > 10, `only ${routeModules.size} files import ${APP_DEPS}`);
  const involved = new Set([APP, APP_DEPS, ...routeModules]);
  const cycles = cyclicComponents(graph.files, graph.edges).filter((component) =>
    component.some((file) => involved.has(file)),
  );
  assert.deepEqual(cycles, [], "import App/AppDeps/baseUrl from app-deps.ts, not app.ts");
});

test("only entry points and test code import app.ts", () => {
  const importers = graph.files.filter((file) => !isTestCode(file) && graph.edges.get(file)?.has(APP));
  assert.deepEqual(importers, ["src/server/start-server.ts"]);
});

test("production code does not import test code", () => {
  const production = graph.files.filter((file) => !isTestCode(file));
  const wrong = production.flatMap((file) =>
    [...(graph.edges.get(file) ?? [])].filter(isTestCode).map((target) => `${file} -> ${target}`),
  );
  assert.deepEqual(wrong, []);
});

test("no new import cycle between the top-level folders of src/", () => {
  const cyclic = cyclicFolderEdges(withAppAsOwnNode(productionGraph(graph)));
  const found = [...cyclic.keys()].sort();
  const unexpected = found.filter((edge) => !(edge in ALLOWED_FOLDER_CYCLE_EDGES));
  const gone = Object.keys(ALLOWED_FOLDER_CYCLE_EDGES).filter((edge) => !cyclic.has(edge));
  assert.deepEqual(
    unexpected.map((edge) => `${edge} (e.g. ${cyclic.get(edge)})`),
    [],
    "a new cycle between folders: import the other way round, or move the shared piece to a lower folder",
  );
  assert.deepEqual(gone, [], "these folder edges no longer form a cycle: remove them from the allow-list");
});
