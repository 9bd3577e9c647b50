/**
 * What can be checked of the Dockerfile and docker-compose.yml without a
 * Docker engine (none runs where the suite runs): the image's CMD runs a file
 * the image holds, with a loader the production install keeps; everything
 * main.ts imports is copied and not ignored; the compose file only sets
 * variables Latchwork reads, and points DATABASE_URL at its PostgreSQL.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { loadConfig } from "../../src/config.ts";

const dockerfile = readFileSync("Dockerfile", "utf8");
const compose = readFileSync("docker-compose.yml", "utf8");
const dockerignore = readFileSync(".dockerignore", "utf8");
const packageJson = JSON.parse(readFileSync("package.json", "utf8"));

/** The instructions of the Dockerfile's last stage (continuation lines joined). */
function runtimeStage(): { instruction: string; args: string }[] {
  const lines = dockerfile
    .replace(/\\\n\s*/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
  const stages = lines.join("\n").split(/^FROM /m);
  return (stages.at(-1) ?? "")
    .split("\n")
    .slice(1)
    .map((line) => {
      const [instruction = "", ...rest] = line.split(" ");
      return { instruction: instruction.toUpperCase(), args: rest.join(" ") };
    });
}

function envOf(stage: { instruction: string; args: string }[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { args } of stage.filter(({ instruction }) => instruction === "ENV"))
    for (const [, name, value] of args.matchAll(/([A-Z_]+)=(\S+)/g)) env[String(name)] = String(value);
  return env;
}

/** Whether .dockerignore excludes `file` (or a folder above it); the last matching pattern wins, `!` re-includes. */
function ignored(file: string): boolean {
  const patterns = dockerignore
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
  let excluded = false;
  for (const line of patterns) {
    const negated = line.startsWith("!");
    const pattern = negated ? line.slice(1) : line;
    const regex = new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]]/g, "\\$&")
        .replace(/\*\*\//g, "\0")
        .replace(/\*/g, "[^/]*")
        .replace(/\0/g, "(?:.*/)?")}(?:/.*)?$`,
    );
    if (regex.test(file)) excluded = !negated;
  }
  return excluded;
}

/** Every source file src/main.ts loads at run time, following relative value imports. */
function runtimeImports(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const source = readFileSync(entry, "utf8");
  const specifiers = [
    ...source.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^"';]*?\s+from\s+)?"(\.[^"]+)"/gm),
    ...source.matchAll(/import\(\s*"(\.[^"]+)"\s*\)/g),
  ].map((match) => String(match[1]));
  for (const specifier of specifiers) {
    const file = path.posix.normalize(path.posix.join(path.posix.dirname(entry), specifier));
    if (file.endsWith(".ts")) runtimeImports(file, seen);
  }
  return seen;
}

describe("Dockerfile", () => {
  const stage = runtimeStage();
  const env = envOf(stage);

  test("is multi-stage and its runtime stage runs as the unprivileged node user", () => {
    assert.ok((dockerfile.match(/^FROM /gm) ?? []).length >= 2, dockerfile);
    assert.match(dockerfile, /^COPY --from=deps /m, dockerfile);
    const users = stage.filter(({ instruction }) => instruction === "USER").map(({ args }) => args);
    assert.deepEqual(users, ["node"], dockerfile);
  });

  test("CMD runs the bundle the image builds with scripts/build.ts, as npm start does", () => {
    const cmd = stage.find(({ instruction }) => instruction === "CMD");
    assert.ok(cmd, dockerfile);
    const argv = JSON.parse(cmd.args) as string[];
    assert.deepEqual(argv.slice(0, 2), ["node", "--enable-source-maps"], cmd.args);
    const entry = String(argv[2]);
    assert.equal(entry, "dist/src/main.js", cmd.args);
    assert.equal(packageJson.scripts.start, `node --enable-source-maps ${entry}`, packageJson.scripts.start);
    // the build runs in the image, before the CMD, from the copied script and sources
    const build = stage.findIndex(
      ({ instruction, args }) => instruction === "RUN" && args === "node --import tsx scripts/build.ts",
    );
    assert.ok(build >= 0, dockerfile);
    assert.ok(
      stage.some(
        ({ instruction, args }) => instruction === "COPY" && args === "scripts/build.ts ./scripts/build.ts",
      ),
      dockerfile,
    );
    assert.ok(!ignored("scripts/build.ts"), "scripts/build.ts is excluded by .dockerignore");
    assert.ok(ignored("scripts/run-tests.ts"), "the other scripts stay out of the image");
    assert.match(dockerfile, /npm ci --omit=dev/, dockerfile);
    for (const tool of ["tsx", "esbuild"])
      assert.ok(packageJson.dependencies[tool], `${tool} must be a dependency, not a devDependency`);
  });

  test("every file main.ts loads is copied into the image and not excluded by .dockerignore", () => {
    const copied = stage
      .filter(({ instruction, args }) => instruction === "COPY" && !args.startsWith("--from"))
      .map(({ args }) => String(args.split(" ")[0]));
    const files = [...runtimeImports("src/main.ts")];
    assert.ok(files.length > 20, files.join("\n"));
    for (const file of files) {
      assert.ok(existsSync(file), file);
      assert.ok(
        copied.some((source) => file.startsWith(`${source}/`)),
        `${file} is not under ${copied.join(", ")}`,
      );
      assert.ok(!ignored(file), `${file} is excluded by .dockerignore`);
    }
    for (const needed of ["package.json", "package-lock.json"]) assert.ok(!ignored(needed), needed);
    for (const excluded of ["node_modules/x", "data/pgdata", ".git/HEAD", "src/http/app.test.ts"])
      assert.ok(ignored(excluded), excluded);
  });

  test("listens on all interfaces at the exposed port, keeps DATA_DIR in a volume, and probes /healthz", () => {
    assert.equal(env.HOST, "0.0.0.0", dockerfile);
    const expose = stage.find(({ instruction }) => instruction === "EXPOSE");
    assert.equal(expose?.args, env.PORT, dockerfile);
    const volume = stage.find(({ instruction }) => instruction === "VOLUME");
    assert.deepEqual(JSON.parse(String(volume?.args)), [env.DATA_DIR], dockerfile);
    const config = loadConfig({ ...env }, []);
    assert.equal(config.host, "0.0.0.0", JSON.stringify(config));
    assert.equal(config.dataDir, "/data", JSON.stringify(config));
    const healthcheck = stage.find(({ instruction }) => instruction === "HEALTHCHECK");
    assert.match(String(healthcheck?.args), /\/healthz/, dockerfile);
  });

  test("serves no sandbox CRM unless the operator opts in, since it listens on all interfaces", () => {
    assert.equal(env.SANDBOX, "off", dockerfile);
    assert.equal(loadConfig({ ...env }, []).sandbox, false, dockerfile);
    assert.equal(loadConfig({ ...env, SANDBOX: "on" }, []).sandbox, true, dockerfile);
  });
});

/** The `environment:` map of one compose service (this file's own layout: two-space indents). */
function serviceEnvironment(service: string): Record<string, string> {
  const block = new RegExp(`^  ${service}:\\n((?:    .*\\n|\\n)*)`, "m").exec(compose)?.[1] ?? "";
  const environment = /^ {4}environment:\n((?: {6}.*\n)*)/m.exec(block)?.[1] ?? "";
  const entries: Record<string, string> = {};
  for (const [, name, value] of environment.matchAll(/^ {6}([A-Z_]+): (.*)$/gm))
    entries[String(name)] = String(value);
  return entries;
}

/** `${NAME:-default}` and `${NAME:?message}` as Compose resolves them with NAME unset (the latter: a placeholder). */
function resolveDefaults(value: string): string {
  return value.replace(/\$\{[A-Z_]+:([-?])([^}]*)\}/g, (_all, kind: string, text: string) =>
    kind === "-" ? text : "set-by-operator",
  );
}

/** The variable names the code reads from the environment (config.ts, and the secret key's loader). */
function variablesRead(): Set<string> {
  const names = new Set<string>();
  for (const file of ["src/config.ts", "src/integrations/secret-box.ts"])
    for (const [, name] of readFileSync(file, "utf8").matchAll(/\benv\.([A-Z_]+)/g)) names.add(String(name));
  return names;
}

describe("docker-compose.yml", () => {
  test("runs PostgreSQL 16 and starts Latchwork once it is healthy", () => {
    assert.match(compose, /^ {4}image: postgres:16$/m, compose);
    assert.match(compose, /condition: service_healthy/, compose);
    assert.match(compose, /^ {4}build: \.$/m, compose);
  });

  test("sets only variables Latchwork reads, and the Dockerfile's ENV too", () => {
    const read = variablesRead();
    assert.ok(read.has("DATABASE_URL") && read.has("LATCHWORK_SECRET_KEY"), [...read].join(", "));
    const names = Object.keys(serviceEnvironment("latchwork"));
    assert.deepEqual(
      names.filter((name) => !read.has(name)),
      [],
      `read: ${[...read].join(", ")}; set: ${names.join(", ")}`,
    );
    assert.ok(names.includes("DATABASE_URL") && names.includes("LATCHWORK_SECRET_KEY"), names.join(", "));
    const dockerEnv = Object.keys(envOf(runtimeStage())).filter((name) => name !== "NODE_ENV");
    assert.deepEqual(
      dockerEnv.filter((name) => !read.has(name)),
      [],
      dockerEnv.join(", "),
    );
  });

  test("DATABASE_URL reaches the postgres service with its user, password and database", () => {
    const postgres = Object.fromEntries(
      Object.entries(serviceEnvironment("postgres")).map(([name, value]) => [name, resolveDefaults(value)]),
    );
    const latchwork = Object.fromEntries(
      Object.entries(serviceEnvironment("latchwork")).map(([name, value]) => [name, resolveDefaults(value)]),
    );
    const config = loadConfig(latchwork, []);
    const url = new URL(String(config.databaseUrl));
    assert.equal(url.protocol, "postgres:", String(config.databaseUrl));
    assert.equal(url.hostname, "postgres", String(config.databaseUrl));
    assert.equal(url.username, postgres.POSTGRES_USER, String(config.databaseUrl));
    assert.equal(url.password, postgres.POSTGRES_PASSWORD, String(config.databaseUrl));
    assert.equal(url.pathname, `/${postgres.POSTGRES_DB}`, String(config.databaseUrl));
    // the secret key must be given: Compose refuses to start without it
    assert.match(
      String(serviceEnvironment("latchwork").LATCHWORK_SECRET_KEY),
      /^\$\{LATCHWORK_SECRET_KEY:\?/,
      compose,
    );
  });
});
