// How much of a service's known API its spec covers: `pnpm spec:coverage <service> [--json] [--min N]`.
// The known API is a fact list kept in the repository, specs/reference/<service>-endpoints.tsv
// (one row per call, with `method` and `path` columns at least). Each distinct method + path pair
// counts once; it is covered when the spec has an operation with that method on a matching path.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { messageOf, parseCommandLine, usageError } from "../cli.ts";
import { loadServices } from "../manifest/services.ts";
import { repoRoot as root } from "../paths.ts";
import { isObject } from "../prepare/walk.ts";
import type { JsonObject } from "../types.ts";

/** One operation of the spec. */
interface SpecOperation {
  method: string;
  path: string;
  operationId: unknown;
  tag: unknown;
}

/** A method + path pair of the list, with the client methods calling it and the operations covering it. */
interface Pair {
  key: string;
  method: string;
  path: string;
  callers: string[];
  operations: unknown[];
}

interface TagSummary {
  tag: string;
  operations: number;
  listed: number;
  pairs: number;
}

export interface Coverage {
  pairs: Pair[];
  tags: TagSummary[];
  notListed: string[];
  total: number;
  covered: number;
  operations: number;
}

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];

/** Rows of a tab-separated file with a header line, as objects keyed by the header's names. */
export function readTsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  const names = (header ?? "").split("\t");
  return lines.map((line) => Object.fromEntries(line.split("\t").map((value, i) => [names[i] ?? `column${i}`, value])));
}

/** The path part of the spec's first server URL (`{host}/public/api` → `/public/api`), without a trailing slash. */
function serverBasePath(doc: JsonObject): string {
  const first = Array.isArray(doc.servers) ? doc.servers[0] : undefined;
  const url = String((isObject(first) ? first.url : undefined) ?? "");
  const withoutOrigin = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, "").replace(/^\{[^}]*\}/, "");
  return withoutOrigin.replace(/\/$/, "");
}

/**
 * The pair's identity: method and path with the query string and the base path dropped and
 * every parameter written `{}` (parameter names differ between the client and the spec).
 */
export function pairKey(method: string, rawPath: string, basePath = ""): string {
  let p = rawPath.replace(/\?.*$/, "");
  if (basePath && p.startsWith(basePath)) p = p.slice(basePath.length);
  return `${method.toUpperCase()} ${p.replace(/\{[^}]*\}/g, "{}")}`;
}

/**
 * A regular expression matching the spec paths a normalised pair path stands for. A `{}` that
 * fills a whole segment matches one path parameter of the spec; a `{}` glued to text or to another
 * `{}` is a piece the client computes at run time (`{}/computeMetrics`, `/scenarios/{}{}`), which
 * may hold several segments, so it matches any non-empty text.
 */
export function pathMatcher(normalisedPath: string): RegExp {
  const parts = normalisedPath.split(/(\{\}(?:\{\})*)/);
  let source = "";
  for (const [i, part] of parts.entries()) {
    if (i % 2 === 0) {
      source += part.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&");
      continue;
    }
    const before = parts[i - 1] ?? "";
    const after = parts[i + 1] ?? "";
    const wholeSegment = part === "{}" && before.endsWith("/") && (after === "" || after.startsWith("/"));
    source += wholeSegment ? "\\{[^/{}]+\\}" : ".+";
  }
  return new RegExp(`^${source}$`);
}

/** The spec's operations: method, path, operationId and first tag. */
function specOperations(doc: JsonObject): SpecOperation[] {
  const ops: SpecOperation[] = [];
  for (const [route, item] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    for (const method of METHODS) {
      const op = isObject(item) ? item[method] : undefined;
      if (isObject(op))
        ops.push({
          method: method.toUpperCase(),
          path: route,
          operationId: op.operationId,
          tag: (Array.isArray(op.tags) ? op.tags[0] : undefined) ?? "default",
        });
    }
  }
  return ops;
}

/**
 * Coverage of `rows` (the fact list) by the spec `doc`. Returns the pairs (each with the client
 * methods that call it and the operations covering it), a per-tag summary and the totals.
 */
export function coverage(doc: JsonObject, rows: Record<string, string>[]): Coverage {
  const basePath = serverBasePath(doc);
  const pairs = new Map<string, Pair>();
  for (const row of rows) {
    if (!row.method || !row.path) continue;
    const key = pairKey(row.method, row.path, basePath);
    const pair = pairs.get(key) ?? {
      key,
      method: row.method.toUpperCase(),
      path: key.slice(key.indexOf(" ") + 1),
      callers: [],
      operations: [],
    };
    const caller = row.python_client_method ?? row.roles ?? "";
    if (caller && !pair.callers.includes(caller)) pair.callers.push(caller);
    pairs.set(key, pair);
  }
  const operations = specOperations(doc);
  for (const pair of pairs.values()) {
    const matcher = pathMatcher(pair.path);
    pair.operations = operations.filter((op) => op.method === pair.method && matcher.test(op.path)).map((op) => op.operationId);
  }
  const list = [...pairs.values()];
  const usedBy = new Map(operations.map((op) => [op.operationId, 0]));
  for (const pair of list) for (const id of pair.operations) usedBy.set(id, (usedBy.get(id) ?? 0) + 1);
  const tags = new Map<unknown, TagSummary>();
  for (const op of operations) {
    const tag = tags.get(op.tag) ?? { tag: String(op.tag), operations: 0, listed: 0, pairs: 0 };
    tag.operations += 1;
    if (usedBy.get(op.operationId)) tag.listed += 1;
    tags.set(op.tag, tag);
  }
  // A pair counts for the tag of the first operation covering it.
  for (const pair of list) {
    const first = operations.find((op) => op.operationId === pair.operations[0]);
    const summary = first && tags.get(first.tag);
    if (summary) summary.pairs += 1;
  }
  const covered = list.filter((p) => p.operations.length > 0).length;
  return {
    pairs: list,
    tags: [...tags.values()].sort((a, b) => a.tag.localeCompare(b.tag)),
    notListed: operations.filter((op) => !usedBy.get(op.operationId)).map((op) => `${op.method} ${op.path} (${String(op.operationId)})`),
    total: list.length,
    covered,
    operations: operations.length,
  };
}

const percent = (n: number, d: number) => (d === 0 ? "0.0" : ((100 * n) / d).toFixed(1));

function printReport(service: string, source: string, result: Coverage): void {
  const width = Math.max(...result.tags.map((t) => t.tag.length), 3);
  console.log(`${"tag".padEnd(width)}  pairs  operations (of them in the list)`);
  for (const t of result.tags) console.log(`${t.tag.padEnd(width)}  ${String(t.pairs).padStart(5)}  ${t.operations} (${t.listed})`);
  const missing = result.pairs.filter((p) => p.operations.length === 0);
  if (missing.length > 0) {
    console.log(`\nnot covered (${missing.length}):`);
    for (const p of missing) console.log(`  ${p.key}  ${p.callers.join(", ")}`);
  }
  if (result.notListed.length > 0) {
    console.log(`\noperations of the spec that the list does not name (${result.notListed.length}):`);
    for (const line of result.notListed) console.log(`  ${line}`);
  }
  console.log(
    `\n${service}: ${result.covered}/${result.total} method + path pairs of ${source} covered (${percent(result.covered, result.total)}%), ${result.operations} operations in the spec`,
  );
}

export async function main(args: string[]): Promise<void> {
  const usage = `Usage: pnpm spec:coverage <service> [--json] [--min <pairs>]

Reports which method + path pairs of specs/reference/<service>-endpoints.tsv the service's
spec covers, per tag, and the total. --json prints the result as JSON; --min exits with
status 1 when fewer pairs than that are covered.`;
  const { values, positionals } = parseCommandLine("spec:coverage", usage, args, {
    json: { type: "boolean", default: false },
    min: { type: "string" },
  });
  if (positionals.length !== 1) usageError("spec:coverage", usage, "name one service");
  const services = await loadServices(root);
  const service = services.find((s) => s.name === positionals[0]);
  if (!service)
    usageError(
      "spec:coverage",
      usage,
      `unknown service ${positionals[0]}; specs/services.yaml lists ${services.map((s) => s.name).join(", ")}`,
    );
  const source = `specs/reference/${service.name}-endpoints.tsv`;
  let rows: Record<string, string>[];
  try {
    rows = readTsv(readFileSync(path.join(root, source), "utf8"));
  } catch (error) {
    console.error(`spec:coverage: cannot read ${source}: ${messageOf(error)}`);
    process.exit(2);
  }
  const min = values.min === undefined ? undefined : Number(values.min);
  if (min !== undefined && !Number.isInteger(min)) usageError("spec:coverage", usage, `--min wants a whole number, got ${values.min}`);
  const result = coverage(parse(readFileSync(path.join(root, service.spec), "utf8")), rows);
  if (values.json) console.log(JSON.stringify({ service: service.name, source, ...result }, null, 2));
  else printReport(service.name, source, result);
  if (min !== undefined && result.covered < min) {
    console.error(`spec:coverage: ${service.name} covers ${result.covered} pairs, fewer than the ${min} asked for`);
    process.exit(1);
  }
}
