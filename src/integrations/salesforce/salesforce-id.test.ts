import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { caseChecksum, toAccountId18, toId18 } from "./salesforce-id.ts";

describe("Salesforce ids", () => {
  test("the checksum suffix matches published 15 → 18 conversions", () => {
    const vectors: [string, string][] = [
      ["0014100000JJ3wt", "AAD"],
      ["a0RE000000IJmcN", "MAT"],
      ["001M000000qfPyS", "IAU"],
      ["000000000000000", "AAA"],
      ["AAAAAAAAAAAAAAA", "555"],
    ];
    for (const [id15, suffix] of vectors) assert.equal(caseChecksum(id15), suffix, id15);
  });

  test("a 15-character id becomes its 18-character form and an 18-character id stays as it is", () => {
    assert.equal(toId18("0014100000JJ3wt"), "0014100000JJ3wtAAD");
    assert.equal(toId18("0014100000JJ3wtAAD"), "0014100000JJ3wtAAD");
  });

  test("an 18-character id in the wrong case is restored from its suffix", () => {
    assert.equal(toId18("0014100000jj3wtaad"), "0014100000JJ3wtAAD");
    assert.equal(toId18("0014100000JJ3WTAAD"), "0014100000JJ3wtAAD");
  });

  test("ids of other lengths, other characters or impossible suffixes are rejected", () => {
    for (const bad of [
      "",
      "1",
      "0014100000JJ3w",
      "0014100000JJ3wtA",
      "0014100000JJ3wt-AD",
      "0014100000JJ3wtA!D",
    ]) {
      assert.equal(toId18(bad), undefined, bad);
    }
    // "B" marks the first character of the first chunk as upper case, but it is the digit 0
    assert.equal(toId18("0014100000JJ3wtBAD"), undefined);
  });

  test("only ids with the Account key prefix 001 are Account ids", () => {
    assert.equal(toAccountId18("0014100000JJ3wt"), "0014100000JJ3wtAAD");
    assert.equal(toAccountId18("a0RE000000IJmcN"), undefined);
    assert.equal(toAccountId18("0034100000JJ3wt"), undefined);
    assert.equal(toAccountId18("1"), undefined);
  });
});
