import type { CliOutput } from "./cli-io.ts";

/** Plain aligned columns for terminal output (the `--json` flags give machine-readable output). */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join("\n")}\n`;
}

export const isoOrDash = (value: Date | string | null | undefined): string =>
  value == null ? "-" : new Date(value).toISOString();

export function printJson(stdout: CliOutput, value: unknown): void {
  stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
