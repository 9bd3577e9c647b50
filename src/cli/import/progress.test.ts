import assert from "node:assert/strict";
import { test } from "node:test";
import { createProgress } from "./progress.ts";

const recorder = (isTTY: boolean) => {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (text: string) => writes.push(text) } };
};

test("on a terminal the bar is redrawn in place once per percent and its line ended at the finish", () => {
  const { writes, stream } = recorder(true);
  const progress = createProgress("importing", 200, stream);
  for (let done = 1; done <= 200; done++) progress.update(done);
  progress.finish();
  assert.equal(writes.length, 102, JSON.stringify(writes.slice(0, 3)));
  assert.equal(writes[0], `\rimporting [${"-".repeat(30)}]   0% 1/200`);
  assert.equal(writes[100], `\rimporting [${"#".repeat(30)}] 100% 200/200`);
  assert.equal(writes.at(-1), "\n");
});

test("elsewhere it writes a plain line at every tenth", () => {
  const { writes, stream } = recorder(false);
  const progress = createProgress("checking", 20, stream);
  for (let done = 1; done <= 20; done++) progress.update(done);
  progress.finish();
  assert.deepEqual(
    writes,
    Array.from({ length: 10 }, (_, index) => `checking: ${(index + 1) * 2}/20 rows (${(index + 1) * 10}%)\n`),
  );
});
