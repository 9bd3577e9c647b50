/**
 * A small scanner of the relative imports between the .ts files of src/: enough to find cycles
 * without a dependency. It reads `import … from "./x.ts"`, `export … from "../y.ts"`, side-effect
 * imports (`import "./z.ts"`) and `import("./w.ts")`; type-only imports count as edges too (see
 * import-cycles.test.ts for why).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export interface ImportGraph {
  /** Repository-relative paths with "/" separators, e.g. `src/http/app.ts`. */
  files: string[];
  /** file → the files it imports (relative specifiers only, resolved). */
  edges: Map<string, Set<string>>;
}

const SPECIFIER =
  /(?:^|[\s;}])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g;

function listTs(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    if (entry === "node_modules") continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) listTs(full, out);
    else if (entry.endsWith(".ts") && !entry.endsWith(".d.ts")) out.push(full);
  }
  return out;
}

/** Comments removed, so an import in a doc comment does not count (strings are left alone). */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

export function relativeSpecifiers(source: string): string[] {
  const found: string[] = [];
  for (const match of withoutComments(source).matchAll(SPECIFIER)) {
    const specifier = match[1] ?? match[2];
    if (specifier?.startsWith("./") || specifier?.startsWith("../")) found.push(specifier);
  }
  return found;
}

function toPosix(file: string): string {
  return file.split(path.sep).join("/");
}

export function scanImports(root: string, dir = "src", include = (_file: string) => true): ImportGraph {
  const files = listTs(path.join(root, dir))
    .map((file) => toPosix(path.relative(root, file)))
    .filter(include)
    .sort();
  const known = new Set(files);
  const edges = new Map<string, Set<string>>();
  for (const file of files) {
    const targets = new Set<string>();
    for (const specifier of relativeSpecifiers(readFileSync(path.join(root, file), "utf8"))) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
      const resolved = [target, `${target}.ts`, target.replace(/\.js$/, ".ts"), `${target}/index.ts`].find(
        (t) => known.has(t),
      );
      if (resolved) targets.add(resolved);
    }
    edges.set(file, targets);
  }
  return { files, edges };
}

/** Strongly connected components with more than one node (or a self-loop): every cycle lies in one. */
export function cyclicComponents(nodes: Iterable<string>, edges: Map<string, Set<string>>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string): void => {
    indexOf.set(node, index);
    low.set(node, index);
    index++;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!indexOf.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, indexOf.get(next) ?? 0));
      }
    }
    if (low.get(node) === indexOf.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || edges.get(node)?.has(node)) components.push(component.sort());
    }
  };
  for (const node of nodes) if (!indexOf.has(node)) visit(node);
  return components;
}

/** `src/http/app.ts` → `src/http`; a file directly under src/ is its own "folder" (`src/main.ts`). */
export function topFolder(file: string): string {
  const parts = file.split("/");
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : file;
}

/** The edges between top-level folders, each with one file-level import that makes it. */
export function folderEdges(graph: ImportGraph): Map<string, string> {
  const out = new Map<string, string>();
  for (const [from, targets] of graph.edges) {
    for (const to of targets) {
      const a = topFolder(from);
      const b = topFolder(to);
      if (a !== b && !out.has(`${a} -> ${b}`)) out.set(`${a} -> ${b}`, `${from} -> ${to}`);
    }
  }
  return out;
}

/** The folder edges that lie on a cycle between folders (both ends in one cyclic component). */
export function cyclicFolderEdges(graph: ImportGraph): Map<string, string> {
  const edges = folderEdges(graph);
  const adjacency = new Map<string, Set<string>>();
  for (const edge of edges.keys()) {
    const [a, b] = edge.split(" -> ") as [string, string];
    if (!adjacency.has(a)) adjacency.set(a, new Set());
    adjacency.get(a)?.add(b);
  }
  const componentOf = new Map<string, number>();
  cyclicComponents(adjacency.keys(), adjacency).forEach((component, i) => {
    for (const folder of component) componentOf.set(folder, i);
  });
  const cyclic = new Map<string, string>();
  for (const [edge, example] of edges) {
    const [a, b] = edge.split(" -> ") as [string, string];
    if (componentOf.has(a) && componentOf.get(a) === componentOf.get(b)) cyclic.set(edge, example);
  }
  return cyclic;
}
