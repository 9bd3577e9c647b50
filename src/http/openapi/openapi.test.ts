import assert from "node:assert/strict";
import { test } from "node:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { InjectOptions } from "fastify";
import { messages } from "../../errors/messages.ts";
import { describeOnEachBackend } from "../../testing/test-app.ts";
import { TAGS } from "./document-base.ts";

type Node = Record<string, unknown>;
type Operation = Node & { operationId?: string; summary?: string; tags?: string[]; responses: Node };

const METHODS = ["get", "put", "post", "delete", "patch", "options", "head", "trace"];
/** Routes that are not the API: the vendor stand-ins and the documentation itself. */
const UNDOCUMENTED = [/^\/sandbox\//, /^\/openapi\.json$/, /^\/docs(\/|$)/];

/**
 * The routes the router holds, read from `printRoutes` (independent of the
 * plugin that builds the document), as "METHOD /path/:param" in lower case.
 * HEAD routes are the ones Fastify adds beside each GET.
 */
function registeredRoutes(tree: string): Set<string> {
  const routes = new Set<string>();
  const parents: string[] = [];
  for (const line of tree.split("\n")) {
    const match = /^((?:[│ ] {3})*)[├└]── (\S+)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? "").length / 4;
    const path = `${parents[depth - 1] ?? ""}${match[2]}`;
    parents[depth] = path;
    for (const method of (match[3] ?? "").split(",").map((m) => m.trim())) {
      if (method && method !== "HEAD") routes.add(`${method} ${path}`.toLowerCase());
    }
  }
  return routes;
}

function operations(document: Node): [string, string, Operation][] {
  const found: [string, string, Operation][] = [];
  for (const [path, item] of Object.entries(document.paths as Record<string, Node>)) {
    for (const method of METHODS) if (item[method]) found.push([method, path, item[method] as Operation]);
  }
  return found;
}

describeOnEachBackend("OpenAPI document", (ctx) => {
  async function fetchDocument(): Promise<Node> {
    const response = await ctx.app.inject({ method: "GET", url: "/openapi.json" });
    assert.equal(response.statusCode, 200, response.body);
    assert.match(String(response.headers["content-type"]), /^application\/json/, response.body);
    return response.json();
  }

  test("GET /openapi.json answers without an API key with an OpenAPI 3.1 document that validates", async () => {
    const document = await fetchDocument();
    assert.equal(document.openapi, "3.1.0");
    const result = await new Validator().validate(document);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 1));
  });

  test("every registered route but the sandbox CRMs and the docs is in the document, and nothing else is", async () => {
    const document = await fetchDocument();
    const registered = registeredRoutes(ctx.app.printRoutes({ commonPrefix: false }));
    const expected = [...registered].filter(
      (route) => !UNDOCUMENTED.some((pattern) => pattern.test(route.split(" ")[1] ?? "")),
    );
    assert.ok(expected.length >= 25, `the route list was read: ${[...registered].join(", ")}`);
    const documented = operations(document).map(([method, path]) =>
      `${method} ${path.replace(/\{(\w+)\}/g, ":$1")}`.toLowerCase(),
    );
    assert.deepEqual([...documented].sort(), [...expected].sort());
  });

  test("every operation has a unique camelCase operationId, a summary and one of the document's tags", async () => {
    const document = await fetchDocument();
    const tagNames = new Set<string>(TAGS.map((tag) => tag.name));
    const seen = new Set<string>();
    for (const [method, path, operation] of operations(document)) {
      const where = `${method.toUpperCase()} ${path}`;
      assert.match(operation.operationId ?? "", /^[a-z][A-Za-z]+$/, where);
      assert.ok(
        !seen.has(operation.operationId as string),
        `${where}: ${operation.operationId} is used twice`,
      );
      seen.add(operation.operationId as string);
      assert.ok((operation.summary ?? "").length > 0, `${where} has a summary`);
      assert.ok(
        operation.tags?.length === 1 && tagNames.has(operation.tags[0] as string),
        `${where}: ${operation.tags}`,
      );
    }
    for (const id of [
      "customersCreate",
      "customersGet",
      "customersList",
      "customersReplace",
      "salesforceLatch",
      "salesforceEnableSynch",
      "hubspotLatchCustomer",
      "netsuiteEnableSynch",
    ]) {
      assert.ok(seen.has(id), `${id} is an operationId: ${[...seen].join(", ")}`);
    }
  });

  test("every /v1 operation asks for the API key and documents its success and the error envelope for 400 and 401", async () => {
    const document = await fetchDocument();
    const schemes = (document.components as Node).securitySchemes as Node;
    assert.deepEqual(schemes.apiKey, { ...(schemes.apiKey as Node), type: "http", scheme: "basic" });
    assert.deepEqual(document.security, [{ apiKey: [] }]);
    for (const [method, path, operation] of operations(document)) {
      const where = `${method.toUpperCase()} ${path}`;
      const responses = operation.responses as Record<string, Node>;
      assert.ok(
        responses["200"]?.content,
        `${where} documents its success body: ${JSON.stringify(responses["200"])}`,
      );
      if (!path.startsWith("/v1/")) {
        assert.deepEqual(operation.security, [], `${where} needs no key`);
        continue;
      }
      assert.equal(operation.security, undefined, `${where} uses the document's security`);
      for (const status of ["400", "401"]) {
        const schema = ((responses[status]?.content as Record<string, Node>)?.["application/json"] as Node)
          ?.schema;
        assert.deepEqual(schema, { $ref: "#/components/schemas/ErrorEnvelope" }, `${where} ${status}`);
      }
    }
  });

  test("every example validates against the schema it illustrates", async () => {
    const validator = new Validator();
    const result = await validator.validate(await fetchDocument());
    assert.equal(result.valid, true, JSON.stringify(result.errors));
    const resolved = validator.resolveRefs() as Node;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    let checked = 0;
    for (const [method, path, operation] of operations(resolved)) {
      const media = [operation.requestBody, ...Object.values(operation.responses)].flatMap((holder) =>
        Object.entries(((holder as Node | undefined)?.content ?? {}) as Record<string, Node>),
      );
      for (const [type, entry] of media) {
        const check = ajv.compile(entry.schema as Node);
        for (const [name, example] of Object.entries((entry.examples ?? {}) as Record<string, Node>)) {
          checked += 1;
          assert.ok(
            check(example.value),
            `${method.toUpperCase()} ${path} ${type} ${name}: ${ajv.errorsText(check.errors)}`,
          );
        }
      }
    }
    assert.ok(checked >= 60, `${checked} examples checked`);
  });

  test("the documented schemas describe what the routes answer, documentation-only ones included", async () => {
    const validator = new Validator();
    await validator.validate(await fetchDocument());
    const byId = new Map(operations(validator.resolveRefs() as Node).map(([, , op]) => [op.operationId, op]));
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const { headers } = await ctx.newAccount();
    const created = await ctx.app.inject({
      method: "POST",
      url: "/v1/customers",
      headers,
      payload: { firstName: "Ann" },
    });
    const id = created.json().id;
    const calls: [string, string, InjectOptions][] = [
      ["customersCreate", "200", { method: "POST", url: "/v1/customers", headers, payload: {} }],
      ["customersList", "200", { method: "GET", url: "/v1/customers?pageSize=2", headers }],
      ["customersGet", "404", { method: "GET", url: "/v1/customers/12", headers }],
      ["customersGet", "401", { method: "GET", url: `/v1/customers/${id}` }],
      [
        "customersReplace",
        "400",
        { method: "PUT", url: "/v1/customers", headers, payload: { id, status: "Suspended" } },
      ],
      [
        "hubspotUnlatchCustomer",
        "200",
        { method: "POST", url: `/v1/HubSpot/UnlatchCustomer/${id}`, headers },
      ],
      [
        "integrationsSave",
        "200",
        {
          method: "PUT",
          url: "/v1/integrations/hubspot",
          headers,
          payload: { credentials: { accessToken: "pat-1" } },
        },
      ],
      ["integrationsGet", "200", { method: "GET", url: "/v1/integrations/hubspot", headers }],
      ["syncGetCustomer", "200", { method: "GET", url: `/v1/customers/${id}/sync`, headers }],
      ["syncGetAccount", "200", { method: "GET", url: "/v1/sync", headers }],
      [
        "syncReplay",
        "200",
        {
          method: "POST",
          url: "/v1/sync/replay",
          headers: { authorization: headers.authorization as string },
        },
      ],
      ["operationsHealth", "200", { method: "GET", url: "/healthz" }],
    ];
    for (const [operationId, status, request] of calls) {
      const response = await ctx.app.inject(request);
      assert.equal(String(response.statusCode), status, `${operationId}: ${response.body}`);
      const documented = (byId.get(operationId)?.responses[status] as Node | undefined) ?? {};
      const media = (documented.content as Record<string, Node>)["application/json"] as Node;
      const check = ajv.compile(media.schema as Node);
      assert.ok(
        check(response.json()),
        `${operationId} ${status}: ${ajv.errorsText(check.errors)} in ${response.body}`,
      );
      for (const header of Object.keys((documented.headers ?? {}) as Node)) {
        assert.ok(response.headers[header.toLowerCase()] !== undefined, `${operationId} sends ${header}`);
      }
    }
  });

  test("the spec pages' examples are in the document", async () => {
    const document = await fetchDocument();
    const text = JSON.stringify(document);
    for (const fragment of [
      "0014100000JJ3wtAAD",
      "Stolen Bikes",
      "Katelyn1974",
      messages.hubSpotContactMissing,
      messages.cannotSuspend,
      "Customer with id 12 not found.",
    ]) {
      assert.ok(text.includes(fragment), fragment);
    }
  });

  test("app.swagger() returns the document that /openapi.json serves", async () => {
    assert.deepEqual(ctx.app.swagger(), await fetchDocument());
  });

  test("/docs serves the API reference and its script without an API key", async () => {
    const page = await ctx.app.inject({ method: "GET", url: "/docs/" });
    assert.equal(page.statusCode, 200, page.body);
    assert.match(String(page.headers["content-type"]), /^text\/html/, page.body);
    const script = /src="([^"]*scalar\.js)"/.exec(page.body)?.[1];
    assert.ok(script, page.body);
    const asset = await ctx.app.inject({
      method: "GET",
      url: script.startsWith("/") ? script : `/docs/${script}`,
    });
    assert.equal(asset.statusCode, 200, asset.body.slice(0, 200));
  });
});
