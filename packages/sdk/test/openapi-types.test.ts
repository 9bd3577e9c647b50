import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { openTestDatabase, type TestDatabase } from "../../../src/testing/test-database.ts";
import { openApiDocument, renderOpenApiTypes, typesFile } from "../scripts/openapi-source.ts";

describe("the SDK's generated types", () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase("pglite");
  });
  after(async () => {
    await database.close();
  });

  it("match the server's current OpenAPI document (run `npm run sdk:generate` when this fails)", async () => {
    const document = await openApiDocument(database.db);
    const expected = await renderOpenApiTypes(document);
    const actual = readFileSync(typesFile, "utf8");
    const actualLines = actual.split("\n");
    const expectedLines = expected.split("\n");
    const differs = expectedLines.findIndex((text, index) => text !== actualLines[index]);
    const line = differs === -1 ? expectedLines.length : differs;
    assert.ok(
      actual === expected,
      `packages/sdk/src/openapi-types.ts is stale (from line ${line + 1}: ${JSON.stringify(expectedLines[line])} expected, ${JSON.stringify(actualLines[line])} found): run \`npm run sdk:generate\``,
    );
  });

  it("cover every operation the SDK's resources call", async () => {
    const document = await openApiDocument(database.db);
    const operationIds = new Set<string>();
    for (const item of Object.values(document.paths ?? {})) {
      for (const operation of Object.values(item as Record<string, { operationId?: string }>)) {
        if (operation?.operationId) operationIds.add(operation.operationId);
      }
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
      "customersActivate",
      "customersHold",
      "customersUnhold",
      "customersCancel",
      "customersUncancel",
      "salesforceDisableSynch",
      "hubspotUnlatchCustomer",
      "netsuiteLatchCustomer",
      "netsuiteUnlatchCustomerById",
      "netsuiteDisableSynch",
      "integrationsGet",
      "integrationsSave",
      "integrationsDelete",
      "syncGetAccount",
      "syncGetCustomer",
      "syncReplay",
    ]) {
      assert.ok(operationIds.has(id), `${id} is missing from ${JSON.stringify([...operationIds])}`);
    }
  });
});
