// Turning a downloaded OpenAPI document into the committed specs/<service>.yaml:
// parse (JSON or YAML), drop volatile fields, apply the manifest's fixes
// (OpenAPI Overlay actions, plus rename and extract from component-actions.ts),
// validate, sort keys, write YAML.
import { validate } from "@readme/openapi-parser";
import { getDefaultSortSet, openapiOverlay, openapiSort } from "openapi-format";
import { Document, parse as parseYaml } from "yaml";
import { messageOf } from "../cli.ts";
import { isObject } from "../prepare/walk.ts";
import type { JsonObject } from "../types.ts";
import { extractComponent, renameComponent } from "./component-actions.ts";
import type { LiveFix } from "./live.ts";

/** One fix or volatile field as an overlay action (description aside). */
type Action = Omit<LiveFix, "description">;

/** What applying one action did: the document after it, whether it matched, and what went wrong. */
export interface ActionResult {
  doc: JsonObject;
  used: boolean;
  errors: string[];
}

/** An unusable document: `problems` lists what is wrong, one reason each. */
export class DocumentError extends Error {
  override name = "DocumentError";
  readonly problems: string[];
  constructor(message: string, problems: string[] = []) {
    super(problems.length > 0 ? `${message}:\n${problems.map((p) => indent(p)).join("\n")}` : message);
    this.problems = problems;
  }
}

/** A fix or volatile field that cannot be applied: the message names the step, not the document. */
export class StepError extends DocumentError {
  override name = "StepError";
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line, i) => (i === 0 ? `  - ${line}` : `    ${line}`))
    .join("\n");
}

/** Parses JSON or YAML text into an OpenAPI 3.x or Swagger 2.0 document object. */
export function parseDocument(text: string): JsonObject {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    try {
      doc = parseYaml(text, { maxAliasCount: 10_000 });
    } catch (error) {
      throw new DocumentError(`neither JSON nor YAML (${messageOf(error).split("\n")[0]})`);
    }
  }
  if (!isObject(doc)) throw new DocumentError("not an OpenAPI document (not an object)");
  if (typeof doc.openapi !== "string" && typeof doc.swagger !== "string") {
    throw new DocumentError('not an OpenAPI document (no "openapi" or "swagger" version field)');
  }
  return doc;
}

/**
 * Validates against the OpenAPI 3.0/3.1 or Swagger 2.0 schema and the
 * parser's extra rules (path parameters, unique operationIds, $refs that
 * resolve). Resolves to a list of problems, empty when the document is valid.
 * Only $refs inside the document are followed: nothing is read from disk or the network.
 */
export async function validateDocument(doc: unknown): Promise<string[]> {
  let result: Awaited<ReturnType<typeof validate>>;
  try {
    result = await validate(structuredClone(doc) as never, {
      resolve: { external: false, file: false },
      validate: { errors: { colorize: false } },
    });
  } catch (error) {
    return [String((error as { message?: unknown } | undefined)?.message ?? error)];
  }
  if (result.valid) return [];
  const problems = result.errors.slice(0, 10).map((e) => trimFrame(e.message));
  if (result.additionalErrors > 0 || result.errors.length > 10)
    problems.push(`… and ${result.additionalErrors + Math.max(0, result.errors.length - 10)} more`);
  return problems;
}

/** Keeps a code frame short: the reason and at most seven lines around the marker. */
function trimFrame(message: unknown): string {
  const lines = String(message).trimEnd().split("\n");
  if (lines.length <= 10) return lines.map((l) => l.slice(0, 160)).join("\n");
  const marker = lines.findIndex((l) => /^\s*>/.test(l));
  const head = lines.slice(0, lines.findIndex((l, i) => i > 0 && l.trim() === "") + 1 || 1).filter((l) => l.trim() !== "");
  const frame = marker >= 0 ? lines.slice(Math.max(head.length, marker - 3), marker + 3) : [];
  return [...head, ...frame].map((l) => l.slice(0, 160)).join("\n");
}

async function applyOverlayAction(doc: JsonObject, action: Action): Promise<ActionResult> {
  if ("rename" in action || "extract" in action) {
    try {
      return "rename" in action ? renameComponent(doc, action) : extractComponent(doc, action);
    } catch (error) {
      return { doc, used: true, errors: [`${action.target}: ${messageOf(error)}`] };
    }
  }
  const errors: string[] = [];
  const original = console.error;
  // openapi-format reports invalid actions on stderr; collect them for our own message instead.
  console.error = (...args: unknown[]) => errors.push(args.join(" "));
  try {
    const { data, resultData } = (await openapiOverlay(
      doc as never,
      {
        overlaySet: { overlay: "1.1.0", info: { title: "specs/services.yaml fixes", version: "1" }, actions: [action] },
      } as never,
    )) as unknown as { data: JsonObject; resultData: { totalUsedActions: number } };
    return { doc: data, used: resultData.totalUsedActions > 0, errors };
  } finally {
    console.error = original;
  }
}

/** Drops every field matched by the JSONPath expressions (absent ones are fine). */
export async function dropVolatile(doc: JsonObject, expressions: readonly string[]): Promise<JsonObject> {
  let current = doc;
  for (const target of expressions) {
    const { doc: next, errors } = await applyOverlayAction(current, { target, remove: true });
    if (errors.length > 0) throw new StepError(`volatile field ${target} cannot be dropped`, errors);
    current = next;
  }
  return current;
}

/**
 * Applies the manifest's fixes in order. A fix that matches nothing fails, so a
 * fix the service has made itself is noticed and removed from the manifest.
 */
export async function applyFixes(doc: JsonObject, fixes: readonly LiveFix[], fixesFile = "specs/services.yaml"): Promise<JsonObject> {
  let current = doc;
  const source = fixesFile === "specs/services.yaml" ? "" : ` of ${fixesFile}`;
  for (const [i, fix] of fixes.entries()) {
    const { description, ...action } = fix;
    const { doc: next, used, errors } = await applyOverlayAction(current, action);
    const label = `fix ${i + 1}${source} (${description})`;
    if (errors.length > 0) throw new StepError(`${label} cannot be applied`, errors);
    if (!used) throw new StepError(`${label} matched nothing at ${fix.target}; if the service fixed this itself, remove the fix`);
    current = next;
  }
  return current;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const PATH_ITEM_ORDER = ["summary", "description", "servers", "parameters", ...METHODS];

/** Keys in `first` come first in that order, then the others alphabetically. */
function sortKeys(object: JsonObject, first: string[]): JsonObject {
  const rank = (key: string) => (first.includes(key) ? first.indexOf(key) : first.length);
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Stable key order: OpenAPI's conventional order for the document, operations,
 * parameters and schemas; paths by path; components by name. Property order
 * inside a schema is kept (it is the order of the generated types).
 */
export async function sortDocument(doc: JsonObject): Promise<JsonObject> {
  const sortSet = (await getDefaultSortSet()) as unknown as Record<string, unknown> & { root: string[] };
  const root = sortSet.root;
  sortSet.root = [
    ...root.slice(0, root.indexOf("paths")),
    "security",
    "tags",
    ...root.slice(root.indexOf("paths")).filter((k) => k !== "tags"),
  ];
  const operation = ["operationId", "summary", "description", "tags", "parameters", "requestBody", "responses"];
  for (const method of METHODS) sortSet[method] = operation;
  sortSet.sortPathsBy = "path";
  const { data } = (await openapiSort(
    doc as never,
    {
      sortSet,
      // Parameters are left out: listing them would also reorder every operation's parameter list.
      sortComponentsSet: ["schemas", "responses", "requestBodies", "headers", "securitySchemes", "links", "callbacks"],
    } as never,
  )) as unknown as { data: JsonObject };
  // A path item: its shared fields, then its operations in the usual method order.
  const paths = isObject(data.paths) ? data.paths : {};
  for (const [route, item] of Object.entries(paths)) {
    if (isObject(item)) paths[route] = sortKeys(item, PATH_ITEM_ORDER);
  }
  const components = isObject(data.components) ? data.components : undefined;
  for (const section of ["parameters", "examples", "pathItems"]) {
    const map = components?.[section];
    if (components && map && typeof map === "object")
      components[section] = Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  return data;
}

/** YAML text with a header comment; no anchors or aliases, so every schema reads on its own. */
export function toYaml(doc: unknown, header?: string): string {
  const yaml = new Document(doc, { aliasDuplicateObjects: false });
  if (header) yaml.commentBefore = header;
  return yaml.toString({ lineWidth: 100, minContentWidth: 40 });
}

/**
 * The whole pipeline for a downloaded document. Throws DocumentError when the
 * text is not a document, a fix does not apply, or the result is not valid.
 * `fixesFile` names where the fixes come from in messages.
 */
export async function normaliseLiveDocument(
  text: string,
  { volatile = [], fixes = [], fixesFile = "specs/services.yaml" }: { volatile?: string[]; fixes?: LiveFix[]; fixesFile?: string } = {},
): Promise<JsonObject> {
  const raw = parseDocument(text);
  let doc = await dropVolatile(raw, volatile);
  doc = await applyFixes(doc, fixes, fixesFile);
  const problems = await validateDocument(doc);
  if (problems.length > 0) {
    throw new DocumentError(
      `not a valid OpenAPI document${fixes.length > 0 ? ` (after the ${fixes.length} fixes in ${fixesFile})` : ""}`,
      problems,
    );
  }
  return sortDocument(doc);
}

/** Counts operations, for the one-line summary. */
export function countOperations(doc: unknown): number {
  let n = 0;
  const paths = isObject(doc) && isObject(doc.paths) ? doc.paths : {};
  for (const item of Object.values(paths)) for (const key of Object.keys(item ?? {})) if (METHODS.includes(key)) n += 1;
  return n;
}
