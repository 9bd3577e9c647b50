import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { decryptSecret, encryptSecret, parseSecretKey, resolveSecretKey } from "./secret-box.ts";

test("a sealed secret opens only with its key and its context", () => {
  const key = randomBytes(32);
  const sealed = encryptSecret(key, "pat-na1-secret", "crm_connections:1:hubspot");
  assert.ok(!sealed.includes("pat-na1-secret"), sealed);
  assert.equal(decryptSecret(key, sealed, "crm_connections:1:hubspot"), "pat-na1-secret");
  assert.throws(() => decryptSecret(key, sealed, "crm_connections:2:hubspot"), /cannot be decrypted/);
  assert.throws(
    () => decryptSecret(randomBytes(32), sealed, "crm_connections:1:hubspot"),
    /cannot be decrypted/,
  );
});

test("LATCHWORK_SECRET_KEY is read as hex or base64 and must be 32 bytes", () => {
  const key = randomBytes(32);
  assert.deepEqual(parseSecretKey(key.toString("hex")), key);
  assert.deepEqual(parseSecretKey(key.toString("base64")), key);
  assert.throws(() => parseSecretKey("too-short"), /must be 32 random bytes/);
});

test("without LATCHWORK_SECRET_KEY a key is generated once into DATA_DIR/secret.key with mode 0600", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "latchwork-secret-"));
  const first = resolveSecretKey({ DATA_DIR: dataDir });
  const file = path.join(dataDir, "secret.key");
  assert.equal(statSync(file).mode & 0o777, 0o600, `mode ${(statSync(file).mode & 0o777).toString(8)}`);
  assert.deepEqual(parseSecretKey(readFileSync(file, "utf8")), first);
  assert.deepEqual(resolveSecretKey({ DATA_DIR: dataDir }), first);
  const fromEnv = randomBytes(32);
  assert.deepEqual(
    resolveSecretKey({ DATA_DIR: dataDir, LATCHWORK_SECRET_KEY: fromEnv.toString("hex") }),
    fromEnv,
  );
});
