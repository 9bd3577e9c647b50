/**
 * `npm run sdk:generate`: writes packages/sdk/src/openapi-types.ts from the
 * OpenAPI document of a server built in-process on an in-memory PGlite.
 */
import { writeFileSync } from "node:fs";
import { openDatabase } from "../../../src/db/database.ts";
import { migrateToLatest } from "../../../src/db/migrate.ts";
import { openApiDocument, renderOpenApiTypes, typesFile } from "./openapi-source.ts";

const { db } = await openDatabase({ url: "memory://" });
try {
  await migrateToLatest(db);
  const source = await renderOpenApiTypes(await openApiDocument(db));
  writeFileSync(typesFile, source);
  console.log(`wrote ${typesFile}`);
} finally {
  await db.destroy();
}
