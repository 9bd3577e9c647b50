import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { CreateCustomerBody } from "../../customers/customer-schema.ts";
import { parseRelaxedJson } from "../../http/relaxed-json.ts";

export type ImportFormat = "csv" | "jsonl";

/** One data row of the file: the customer object it describes, or why it could not be read. */
export type SourceRow = { line: number; record: Record<string, unknown> } | { line: number; error: string };

/** The whole file cannot be read (unreadable, no header, unknown column…): nothing is imported. */
export class ImportFileError extends Error {}

/** By `--format`, else the extension, else the first character (`{` means JSON lines). */
export function detectFormat(path: string, text: string, given?: ImportFormat): ImportFormat {
  if (given) return given;
  if (/\.csv$/i.test(path)) return "csv";
  if (/\.(jsonl|ndjson|json)$/i.test(path)) return "jsonl";
  return text.trimStart().startsWith("{") ? "jsonl" : "csv";
}

export function readImportFile(
  path: string,
  given?: ImportFormat,
): { format: ImportFormat; rows: SourceRow[] } {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ImportFileError(`cannot read ${path}: ${(error as Error).message}`);
  }
  const format = detectFormat(path, text, given);
  return { format, rows: format === "csv" ? csvRows(text) : jsonLines(text) };
}

/** JSON lines: one customer object per line, relaxed JSON as the API accepts; blank lines are skipped. */
function jsonLines(text: string): SourceRow[] {
  const rows: SourceRow[] = [];
  text.split(/\r?\n/).forEach((content, index) => {
    const line = index + 1;
    if (content.trim() === "") return;
    try {
      const value = parseRelaxedJson(content);
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        rows.push({ line, error: "expected a JSON object (one customer per line)" });
      } else rows.push({ line, record: value as Record<string, unknown> });
    } catch (error) {
      rows.push({ line, error: `not JSON: ${(error as Error).message}` });
    }
  });
  return rows;
}

/**
 * CSV with a header row naming the API's properties (any letter case); nested
 * ones by path: `customerReference.reference1`,
 * `customerReference.salesTrackingCodes.0.code`. An empty cell is a field not
 * given, as if left out of a POST body.
 */
function csvRows(text: string): SourceRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // with `info`, each record comes as {record, info}; the typings know only the plain form
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (error) {
    throw new ImportFileError(`the CSV cannot be parsed: ${(error as Error).message}`);
  }
  const [header, ...data] = records;
  if (!header) throw new ImportFileError("the CSV is empty: it needs a header row naming the columns");
  const columns = header.record.map((name) => name.trim());
  const unknown = columns.filter((name) => !knownColumn(name));
  if (unknown.length > 0) {
    throw new ImportFileError(
      `unknown column(s) ${unknown.map((name) => `'${name}'`).join(", ")} in the header: columns are the fields of POST /v1/customers, nested ones as customerReference.reference1`,
    );
  }
  // csv-parse tells the line a record ends on; a quoted field may span lines, so the record starts
  // on the first non-blank line after the previous record
  const textLines = text.split(/\r?\n/);
  let previousEnd = header.info.lines;
  return data.map(({ record, info }) => {
    let line = previousEnd + 1;
    while (line < info.lines && (textLines[line - 1] ?? "").trim() === "") line++;
    previousEnd = info.lines;
    if (record.length !== columns.length) {
      return { line, error: `has ${record.length} fields where the header has ${columns.length}` };
    }
    const customer: Record<string, unknown> = {};
    record.forEach((cell, index) => {
      if (cell !== "") setPath(customer, (columns[index] as string).split("."), cell);
    });
    return { line, record: compactArrays(customer) as Record<string, unknown> };
  });
}

type SchemaNode = { properties?: Record<string, SchemaNode>; items?: SchemaNode };

/** Whether a header names a property of the create schema (matching case-insensitively, as the API does). */
function knownColumn(name: string): boolean {
  let node: SchemaNode | undefined = CreateCustomerBody as SchemaNode;
  for (const part of name.split(".")) {
    if (!node) return false;
    if (/^\d+$/.test(part)) {
      node = node.items;
      continue;
    }
    const properties: Record<string, SchemaNode> = node.properties ?? {};
    const key = Object.keys(properties).find((candidate) => candidate.toLowerCase() === part.toLowerCase());
    node = key === undefined ? undefined : properties[key];
  }
  return node !== undefined;
}

function setPath(target: Record<string, unknown>, parts: string[], value: string): void {
  let node: Record<string, unknown> = target;
  parts.forEach((part, index) => {
    if (index === parts.length - 1) {
      node[part] = value;
      return;
    }
    const next = parts[index + 1] as string;
    node[part] ??= /^\d+$/.test(next) ? [] : {};
    node = node[part] as Record<string, unknown>;
  });
}

/** Arrays built from numbered columns lose the holes of the numbers not given. */
function compactArrays(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(compactArrays);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, compactArrays(item)]));
  }
  return value;
}
