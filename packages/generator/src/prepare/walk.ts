// JSON pointers and traversal of an OpenAPI 3 document: where its operations,
// schemas and `$ref`s are, each with the pointer that names it in reports and errors.
// Documents are untrusted until prepared: every node is `unknown` until a check
// such as isObject says what it is.
import type { JsonObject } from "../types.ts";

/** A step of a JSON pointer: a key, or an index into an array. */
export type Token = string | number;

export const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

const escapeToken = (token: Token) => String(token).replace(/~/g, "~0").replace(/\//g, "~1");
const unescapeToken = (token: string) => decodeURIComponent(token).replace(/~1/g, "/").replace(/~0/g, "~");

/** `["paths", "/pets", "get"]` → `/paths/~1pets/get` */
export const pointer = (tokens: readonly Token[]): string => tokens.map((t) => `/${escapeToken(t)}`).join("");

/** `#/components/schemas/Pet` → `["components", "schemas", "Pet"]`; undefined for references to other documents. */
export function refTokens(ref: unknown): string[] | undefined {
  if (typeof ref !== "string" || !ref.startsWith("#")) return undefined;
  const body = ref.slice(1);
  if (body === "") return [];
  if (!body.startsWith("/")) return undefined;
  return body.slice(1).split("/").map(unescapeToken);
}

export const refOf = (tokens: readonly Token[]): string => `#${pointer(tokens)}`;

/** The value at `tokens`, following `$ref`s met on the way (as JSON reference resolution does). */
export function resolveTokens(doc: unknown, tokens: readonly Token[], seen = new Set<string>()): unknown {
  let current: unknown = doc;
  for (let i = 0; i < tokens.length; i++) {
    current = followRef(doc, current, seen);
    if (current === undefined || current === null || typeof current !== "object") return undefined;
    const token = tokens[i] as Token;
    if (!Object.hasOwn(current, token)) return undefined;
    current = (current as Record<Token, unknown>)[token];
  }
  return current;
}

function followRef(doc: unknown, value: unknown, seen: Set<string>): unknown {
  let current = value;
  while (isObject(current) && typeof current.$ref === "string") {
    const tokens = refTokens(current.$ref);
    if (!tokens || seen.has(current.$ref)) return current;
    seen.add(current.$ref);
    current = resolveTokens(doc, tokens, seen);
  }
  return current;
}

/** The value a `$ref` names, or undefined when it names nothing. */
export const resolveRef = (doc: unknown, ref: unknown): unknown => {
  const tokens = refTokens(ref);
  return tokens ? resolveTokens(doc, tokens) : undefined;
};

/** Keys whose values are data (examples, defaults, enums) or vendor extensions, never OpenAPI objects. */
const DATA_KEYS = new Set(["example", "default", "enum", "const"]);
const MAPS = new Set<Token | undefined>([
  "properties",
  "patternProperties",
  "responses",
  "schemas",
  "parameters",
  "headers",
  "examples",
  "requestBodies",
  "links",
  "callbacks",
  "definitions",
  "$defs",
  "content",
  "paths",
  "encoding",
  "securitySchemes",
]);

/**
 * Calls `visit(node, tokens)` for every object holding a `$ref`, anywhere in the
 * document except inside example values, defaults, enums and `x-` extensions.
 */
export function forEachRef(
  root: unknown,
  visit: (node: JsonObject & { $ref: string }, tokens: Token[]) => void,
  tokens: Token[] = [],
): void {
  if (Array.isArray(root)) {
    root.forEach((item, i) => {
      forEachRef(item, visit, [...tokens, i]);
    });
    return;
  }
  if (!isObject(root)) return;
  if (typeof root.$ref === "string") visit(root as JsonObject & { $ref: string }, tokens);
  // In a map of named things (properties, responses, …) "default" or "example" is a name, not data.
  const isMap = MAPS.has(tokens.at(-1));
  for (const [key, value] of Object.entries(root)) {
    if (key === "$ref" || (!isMap && (DATA_KEYS.has(key) || key.startsWith("x-")))) continue;
    // `value` of an Example object is data too.
    if (key === "value" && tokens.at(-2) === "examples") continue;
    if (typeof value === "object" && value !== null) forEachRef(value, visit, [...tokens, key]);
  }
}

/** Every operation of `paths`, in document order: `{ op, path, method, item, tokens }`. */
export interface OperationAt {
  op: JsonObject;
  path: string;
  method: (typeof METHODS)[number];
  item: JsonObject;
  tokens: Token[];
}
export function operations(doc: JsonObject): OperationAt[] {
  const found: OperationAt[] = [];
  for (const [path, item] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (isObject(op)) found.push({ op, path, method, item, tokens: ["paths", path, method] });
    }
  }
  return found;
}

const SCHEMA_MAPS = ["properties", "patternProperties", "dependentSchemas", "$defs", "definitions"];
const SCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"];
const SCHEMA_SINGLES = [
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "unevaluatedProperties",
  "unevaluatedItems",
];

/** Calls `visit(schema, tokens, parent)` for `schema` and every schema nested in it (depth first, parents first). */
/** What a schema visitor is told: the schema, where it is, and the schema holding it; `false` skips what is nested in it. */
export type SchemaVisitor = (schema: JsonObject, tokens: Token[], parent: JsonObject | undefined) => unknown;

export function walkSchema(schema: unknown, tokens: Token[], visit: SchemaVisitor, parent: JsonObject | undefined = undefined): void {
  if (!isObject(schema)) return;
  if (visit(schema, tokens, parent) === false) return;
  if (typeof schema.$ref === "string") return;
  for (const key of SCHEMA_MAPS) {
    const map = schema[key];
    if (isObject(map)) {
      for (const [name, sub] of Object.entries(map)) walkSchema(sub, [...tokens, key, name], visit, schema);
    }
  }
  for (const key of SCHEMA_LISTS) {
    const list = schema[key];
    if (Array.isArray(list)) {
      for (const [i, sub] of list.entries()) walkSchema(sub, [...tokens, key, i], visit, schema);
    }
  }
  for (const key of SCHEMA_SINGLES) walkSchema(schema[key], [...tokens, key], visit, schema);
  if (Array.isArray(schema.items)) {
    for (const [i, sub] of schema.items.entries()) walkSchema(sub, [...tokens, "items", i], visit, schema);
  } else walkSchema(schema.items, [...tokens, "items"], visit, schema);
}

/** A schema at the top of its place in the document: a component, or the schema of a parameter, body, response or header. */
export interface RootSchema {
  schema: unknown;
  tokens: Token[];
  role: "component" | "parameter" | "body" | "response" | "header";
  media?: string;
  parameter?: JsonObject;
}

function contentSchemas(content: unknown, tokens: Token[], out: RootSchema[], role: RootSchema["role"]): void {
  if (!isObject(content)) return;
  for (const [media, entry] of Object.entries(content)) {
    if (isObject(entry) && isObject(entry.schema)) out.push({ schema: entry.schema, tokens: [...tokens, media, "schema"], media, role });
  }
}

function parameterSchemas(parameters: unknown, tokens: Token[], out: RootSchema[]): void {
  if (!Array.isArray(parameters)) return;
  parameters.forEach((p, i) => {
    if (!isObject(p)) return;
    if (isObject(p.schema)) out.push({ schema: p.schema, tokens: [...tokens, i, "schema"], role: "parameter", parameter: p });
    contentSchemas(p.content, [...tokens, i, "content"], out, "parameter");
  });
}

function responseSchemas(response: unknown, tokens: Token[], out: RootSchema[]): void {
  if (!isObject(response)) return;
  contentSchemas(response.content, [...tokens, "content"], out, "response");
  for (const [name, header] of Object.entries(isObject(response.headers) ? response.headers : {})) {
    if (isObject(header) && isObject(header.schema))
      out.push({ schema: header.schema, tokens: [...tokens, "headers", name, "schema"], role: "header" });
  }
}

/** The top-level schemas of the document: components and those written inline in operations. */
export function rootSchemas(doc: JsonObject): RootSchema[] {
  const out: RootSchema[] = [];
  const components = isObject(doc.components) ? doc.components : {};
  for (const [name, schema] of Object.entries(isObject(components.schemas) ? components.schemas : {})) {
    out.push({ schema, tokens: ["components", "schemas", name], role: "component" });
  }
  for (const [name, p] of Object.entries(isObject(components.parameters) ? components.parameters : {})) {
    if (isObject(p) && isObject(p.schema))
      out.push({ schema: p.schema, tokens: ["components", "parameters", name, "schema"], role: "parameter", parameter: p });
  }
  for (const [name, r] of Object.entries(isObject(components.responses) ? components.responses : {})) {
    responseSchemas(r, ["components", "responses", name], out);
  }
  for (const [name, b] of Object.entries(isObject(components.requestBodies) ? components.requestBodies : {})) {
    contentSchemas(isObject(b) ? b.content : undefined, ["components", "requestBodies", name, "content"], out, "body");
  }
  for (const [path, item] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    if (!isObject(item)) continue;
    parameterSchemas(item.parameters, ["paths", path, "parameters"], out);
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const base = ["paths", path, method];
      parameterSchemas(op.parameters, [...base, "parameters"], out);
      if (isObject(op.requestBody)) contentSchemas(op.requestBody.content, [...base, "requestBody", "content"], out, "body");
      for (const [status, response] of Object.entries(isObject(op.responses) ? op.responses : {})) {
        responseSchemas(response, [...base, "responses", status], out);
      }
    }
  }
  return out;
}

/** Every schema object of the document, nested ones included. */
export function forEachSchema(
  doc: JsonObject,
  visit: (schema: JsonObject, tokens: Token[], where: RootSchema & { parent: JsonObject | undefined }) => unknown,
): void {
  for (const root of rootSchemas(doc)) walkSchema(root.schema, root.tokens, (s, t, parent) => visit(s, t, { ...root, parent }));
}
