// Prints an answer: JSON (default), YAML or a table; text and bytes as they came.
import { writeFile } from "node:fs/promises";
import Table from "cli-table3";
import { stringify } from "yaml";
import type { CliContext } from "./context.js";
import { UsageError } from "./errors.js";

export type Format = "json" | "yaml" | "table";

function cell(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function table(data: unknown): string {
  if (Array.isArray(data) && data.every((row) => row !== null && typeof row === "object" && !Array.isArray(row))) {
    const head = [...new Set(data.flatMap((row) => Object.keys(row as object)))];
    const t = new Table({ head });
    for (const row of data) t.push(head.map((key) => cell((row as Record<string, unknown>)[key])));
    return t.toString();
  }
  if (data !== null && typeof data === "object" && !Array.isArray(data)) {
    const t = new Table();
    for (const [key, value] of Object.entries(data)) t.push({ [key]: cell(value) });
    return t.toString();
  }
  const t = new Table();
  for (const value of Array.isArray(data) ? data : [data]) t.push([cell(value)]);
  return t.toString();
}

export function formatOf(value: unknown): Format {
  if (value === undefined) return "json";
  if (value === "json" || value === "yaml" || value === "table") return value;
  throw new UsageError(`--output expects json, yaml or table (got ${JSON.stringify(value)})`);
}

export async function printAnswer(context: CliContext, data: unknown, answer: string, format: Format, out?: string): Promise<void> {
  let chunk: string | Uint8Array;
  if (data === undefined) return;
  if (data instanceof Uint8Array) chunk = data;
  else if (answer === "text" && typeof data === "string") chunk = data;
  else if (format === "yaml") chunk = stringify(data);
  else if (format === "table") chunk = `${table(data)}\n`;
  else chunk = `${JSON.stringify(data, null, 2)}\n`;
  if (out !== undefined) await writeFile(out, chunk);
  else context.stdout.write(chunk);
}
