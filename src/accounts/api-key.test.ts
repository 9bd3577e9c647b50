import assert from "node:assert/strict";
import { test } from "node:test";
import { generateApiKey, hashApiKey, parseAuthorization } from "./api-key.ts";

test("issued keys have Fusebill's shape: base64 of 0:{secret}", () => {
  const key = generateApiKey();
  assert.match(key, /^[A-Za-z0-9+/]+=*$/, key);
  assert.match(Buffer.from(key, "base64").toString("utf8"), /^0:[A-Za-z0-9_-]{32}$/, key);
  assert.notEqual(generateApiKey(), key);
  assert.equal(hashApiKey(key), hashApiKey(key));
  assert.notEqual(hashApiKey(key), key);
});

test("the Authorization header yields the verbatim key and, for user-name clients, the decoded user", () => {
  const key = generateApiKey();
  assert.deepEqual(parseAuthorization(`Basic ${key}`), { kind: "key", candidates: [key] });
  const asUser = Buffer.from(`${key}:`).toString("base64");
  assert.deepEqual(parseAuthorization(`basic ${asUser}`), { kind: "key", candidates: [asUser, key] });
});

test("absent, empty and malformed headers are told apart", () => {
  assert.deepEqual(parseAuthorization(undefined), { kind: "missing" });
  assert.deepEqual(parseAuthorization("  "), { kind: "missing" });
  for (const header of ["Bearer x", "Basic", "Basic ***", "Basic a b", "Digest abc"]) {
    assert.deepEqual(parseAuthorization(header), { kind: "malformed" }, header);
  }
});
