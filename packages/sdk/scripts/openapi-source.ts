/**
 * Where the SDK's types come from: the OpenAPI document of the server in this
 * repository, rendered by openapi-typescript and formatted by Biome so that the
 * checked-in file is byte-for-byte what a regeneration produces (a test
 * compares the two).
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import type { Db } from "../../../src/db/database.ts";
import { buildApp } from "../../../src/http/app.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, "../../..");
export const typesFile = path.resolve(here, "../src/openapi-types.ts");

const HEADER = `/**
 * Generated from the server's OpenAPI document by \`npm run sdk:generate\`
 * (packages/sdk/scripts/generate.ts). Do not edit: regenerate.
 */

`;

/** The document the server publishes at GET /openapi.json, from an app built on `db`. */
export async function openApiDocument(db: Db): Promise<OpenAPI3> {
  const app = await buildApp({ db, sandbox: false, selfUrl: () => "http://127.0.0.1" });
  try {
    const response = await app.inject({ method: "GET", url: "/openapi.json" });
    if (response.statusCode !== 200) {
      throw new Error(`GET /openapi.json answered ${response.statusCode}: ${response.body}`);
    }
    return response.json() as OpenAPI3;
  } finally {
    await app.close();
  }
}

/** The TypeScript source of `src/openapi-types.ts` for a document. */
export async function renderOpenApiTypes(document: OpenAPI3): Promise<string> {
  const ast = await openapiTS(structuredClone(document), { silent: true });
  return formatWithBiome(HEADER + astToString(ast));
}

function formatWithBiome(source: string): string {
  const require = createRequire(import.meta.url);
  const biome = path.join(path.dirname(require.resolve("@biomejs/biome/package.json")), "bin", "biome");
  const result = spawnSync(
    process.execPath,
    [biome, "format", `--stdin-file-path=${path.relative(repoRoot, typesFile)}`],
    { cwd: repoRoot, input: source, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.status !== 0) throw new Error(`biome format failed: ${result.stderr}`);
  return result.stdout;
}
