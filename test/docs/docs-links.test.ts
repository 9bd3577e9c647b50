import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";

/** The README and everything under docs/ and bench/README.md: the documentation a reader follows. */
const DOCS = [
  "README.md",
  "bench/README.md",
  ...readdirSync("docs").map((file) => path.join("docs", file)),
].filter((file) => file.endsWith(".md"));

/** Paths of repository files a doc names in backticks, e.g. `src/sync/sync-worker.ts` (globs and placeholders left out). */
function namedFiles(text: string): string[] {
  const paths = text.match(/`((?:src|test|bench|scripts|packages|fixtures|docs|bin)\/[^`\s*{}<>…]+)`/g) ?? [];
  // bench/results/ is what a bench run writes, not a file of the repository
  return paths
    .map((quoted) =>
      quoted
        .slice(1, -1)
        .replace(/[.,:;)]+$/, "")
        .replace(/#.*$/, ""),
    )
    .filter((file) => !file.startsWith("bench/results/"));
}

test("every relative link in the docs leads to a file of the repository", () => {
  const broken: string[] = [];
  for (const doc of DOCS) {
    const text = readFileSync(doc, "utf8");
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (!target || /^(https?:|mailto:|#)/.test(target)) continue;
      const file = path.join(path.dirname(doc), target.replace(/#.*$/, ""));
      if (!existsSync(file)) broken.push(`${doc}: ${target}`);
    }
  }
  assert.deepEqual(broken, []);
});

test("every source file the docs name exists", () => {
  const missing: string[] = [];
  for (const doc of DOCS) {
    for (const file of namedFiles(readFileSync(doc, "utf8")))
      if (!existsSync(file)) missing.push(`${doc}: ${file}`);
  }
  assert.deepEqual(missing, []);
});

test("the README fits on about one screen and links every doc", () => {
  const readme = readFileSync("README.md", "utf8");
  assert.ok(readme.split("\n").length <= 60, `the README has ${readme.split("\n").length} lines`);
  for (const doc of DOCS.filter((file) => file !== "README.md"))
    assert.ok(readme.includes(`](${doc})`), `the README does not link ${doc}`);
});
