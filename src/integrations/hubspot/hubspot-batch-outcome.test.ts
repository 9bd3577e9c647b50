import assert from "node:assert/strict";
import { test } from "node:test";
import { messages } from "../../errors/messages.ts";
import { combineOutcomes, outcomesFromBatch, outcomesFromFailure } from "./hubspot-batch-outcome.ts";
import { CallTimeout } from "./hubspot-sdk-call.ts";

test("a 207 marks the ids HubSpot could not find as broken and the others as pushed", () => {
  const outcomes = outcomesFromBatch(
    "contact",
    ["1", "2", "3"],
    [
      {
        category: "OBJECT_NOT_FOUND",
        message: "Could not get some CONTACT objects",
        context: { ids: ["2"] },
      },
    ],
  );
  assert.deepEqual(
    outcomes.map((outcome) => outcome.status),
    ["pushed", "broken", "pushed"],
  );
  assert.match(JSON.stringify(outcomes[1]), /HubSpot contact 2 does not exist any more/);
});

test("another per-record error is retried, and an error naming no record retries the whole batch", () => {
  const named = outcomesFromBatch(
    "company",
    ["1", "2"],
    [{ category: "VALIDATION_ERROR", message: "bad", context: { ids: ["1"] } }],
  );
  assert.deepEqual(
    named.map((outcome) => outcome.status),
    ["retry", "pushed"],
  );
  const unnamed = outcomesFromBatch("company", ["1", "2"], [{ category: "INTERNAL_ERROR", message: "oops" }]);
  assert.deepEqual(
    unnamed.map((outcome) => outcome.status),
    ["retry", "retry"],
  );
});

test("a failed call is retried: 429 with Retry-After in ms, timeouts and 5xx without", () => {
  const limited = outcomesFromFailure(
    "contact",
    ["1"],
    { code: 429, headers: { "retry-after": "2" } },
    1_000,
  );
  assert.deepEqual(limited[0], {
    status: "retry",
    error: "HubSpot push failed: answered 429.",
    retryAfterMs: 2_000,
  });
  const timedOut = outcomesFromFailure("contact", ["1", "2"], new CallTimeout(), 1_000);
  assert.deepEqual(
    timedOut.map((outcome) => outcome.status),
    ["retry", "retry"],
  );
  assert.match(JSON.stringify(timedOut[0]), /no answer within 1000 ms/);
  const unauthorized = outcomesFromFailure(
    "contact",
    ["1"],
    { code: 401, body: { message: "revoked" } },
    1_000,
  );
  assert.deepEqual(unauthorized[0], {
    status: "unauthorized",
    error: messages.crmCredentialsRefused("HubSpot", "HTTP 401"),
  });
});

test("a 404 for a one-record call breaks that record; for a larger batch only the ids it names", () => {
  assert.equal(outcomesFromFailure("contact", ["9"], { code: 404 }, 1_000)[0]?.status, "broken");
  const batch = outcomesFromFailure(
    "contact",
    ["1", "2"],
    { code: 404, body: { context: { ids: ["2"] } } },
    1_000,
  );
  assert.deepEqual(
    batch.map((outcome) => outcome.status),
    ["retry", "broken"],
  );
  const unnamed = outcomesFromFailure("contact", ["1", "2"], { code: 404 }, 1_000);
  assert.deepEqual(
    unnamed.map((outcome) => outcome.status),
    ["retry", "retry"],
  );
});

test("a customer's contact and company outcomes combine: retry first, then broken, else pushed", () => {
  assert.deepEqual(combineOutcomes([]), { status: "pushed" });
  assert.deepEqual(combineOutcomes([{ status: "pushed" }, { status: "pushed" }]), { status: "pushed" });
  assert.equal(combineOutcomes([{ status: "pushed" }, { status: "broken", error: "gone" }]).status, "broken");
  assert.deepEqual(
    combineOutcomes([
      { status: "broken", error: "gone" },
      { status: "retry", error: "busy", retryAfterMs: 3_000 },
    ]),
    { status: "retry", error: "busy", retryAfterMs: 3_000 },
  );
});
