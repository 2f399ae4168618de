// What changed between two versions of an OpenAPI document, and whether each
// change breaks code written against the generated TypeScript client.
//
// api-smart-diff computes the structural diff: it resolves $refs, matches
// operations across renamed path parameters and parameters by name and place,
// merges allOf and treats enums as sets. Its own classification answers "does
// the server still accept old requests", which is not our question, so each
// diff is classified again here from a client user's side:
//   - in a request (parameters, body) narrowing breaks: a field or parameter
//     removed or made required, an enum value removed, a type changed;
//   - in a response widening breaks: a field removed or made optional or
//     nullable, an enum value added (code that handles every value no longer
//     does), a type changed.
// A schema used by several operations (a $ref) changes once, so its changes
// are grouped and listed once with every operation they touch.
import { apiCompare } from "api-smart-diff";
import type { JsonObject } from "../types.ts";

/** One structural difference as api-smart-diff reports it (its values untyped: `unknown` here). */
interface SpecDiff {
  type: string;
  action: string;
  path: (string | number)[];
  before?: unknown;
  after?: unknown;
}

export type Bump = "patch" | "minor" | "major";

/** Where a schema is used: in a request, a response, a parameter, or only as a model. */
type Context = "request" | "response" | "parameter" | "model";

/** What each kind of change is called, and what a non-breaking one bumps. */
interface KindInfo {
  label: string;
  bump?: Bump;
  /** Named after the schema's place: "Request field added", "Response type changed". */
  scoped?: boolean;
}

/** One change a client user sees: what, where, and whether it breaks their code. */
export interface Change {
  kind: string;
  label: string;
  breaking: boolean;
  bump: Bump;
  subject: string;
  detail: string;
  where: string[];
  /** Only the component changed: no operation uses the schema. */
  unused: boolean;
}

/** What changed between two documents: the changes, and how many edits only describe. */
export interface Comparison {
  changes: Change[];
  documentation: number;
}

/** What one diff turns into before grouping: a change at `key`, or a documentation edit. */
interface Item {
  key: string;
  documentation?: true;
  kind?: string;
  breaking?: boolean;
  subject?: string;
  detail?: string;
  where?: string | undefined;
  ctx?: Context;
  bump?: Bump;
  fromComponent?: boolean;
}

/** A change inside a schema, before it is named. */
interface SchemaChange {
  kind: string;
  field: string;
  detail: string;
  breaking: boolean;
}

/** What the schema rules look at besides the kind and the context. */
interface Facts {
  required?: boolean;
  sameTsType?: boolean;
  binary?: boolean;
}

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);
/** Extensions orval reads to name enum members: changing them renames generated constants. */
const ENUM_NAME_EXTENSIONS = new Set(["x-enumNames", "x-enum-varnames"]);
const CONSTRAINTS = new Set([
  "pattern",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
  "default",
  "readOnly",
  "writeOnly",
]);

/** What each kind of change is called, and what a non-breaking one bumps. */
export const KINDS: Record<string, KindInfo> = {
  "operation-added": { label: "Operation added", bump: "minor" },
  "operation-removed": { label: "Operation removed" },
  "operation-renamed": { label: "Operation renamed (operationId)" },
  "operation-moved": { label: "Operation moved to another tag (import path)" },
  "operation-deprecated": { label: "Operation deprecated" },
  "parameter-added": { label: "Parameter added", bump: "minor" },
  "parameter-removed": { label: "Parameter removed" },
  "parameter-required": { label: "Parameter made required" },
  "parameter-optional": { label: "Parameter made optional" },
  "request-body-added": { label: "Request body added", bump: "minor" },
  "request-body-removed": { label: "Request body removed" },
  "request-body-required": { label: "Request body made required" },
  "request-body-optional": { label: "Request body made optional" },
  "content-type-added": { label: "Content type added", bump: "minor" },
  "content-type-removed": { label: "Content type removed" },
  "response-added": { label: "Response added", bump: "minor" },
  "response-removed": { label: "Response removed" },
  "field-added": { label: "field added", bump: "minor", scoped: true },
  "field-removed": { label: "field removed", scoped: true },
  "field-retyped": { label: "type changed", scoped: true },
  "field-required": { label: "field made required", scoped: true },
  "field-optional": { label: "field made optional", scoped: true },
  "field-nullable": { label: "field made nullable", scoped: true },
  "field-not-nullable": { label: "field no longer nullable", scoped: true },
  "format-changed": { label: "format changed", scoped: true },
  "enum-value-added": { label: "enum value added", bump: "minor", scoped: true },
  "enum-value-removed": { label: "enum value removed", scoped: true },
  "enum-added": { label: "values restricted to an enum", scoped: true },
  "enum-removed": { label: "enum restriction removed", scoped: true },
  "model-added": { label: "Model added", bump: "minor" },
  "model-removed": { label: "Model removed (exported type)" },
  constraint: { label: "Constraint changed" },
  other: { label: "Other change" },
};

/**
 * Is this schema change breaking for a client user, given where the schema is
 * used? `model` (a component schema no operation uses) is judged both ways.
 */
const SCHEMA_RULES: Record<string, (ctx: string, facts: Facts) => boolean | undefined> = {
  "field-added": (ctx, facts) => ctx !== "response" && facts.required,
  "field-removed": () => true,
  "field-retyped": (_ctx, facts) => !facts.sameTsType,
  "field-required": (ctx) => ctx !== "response",
  "field-optional": (ctx) => ctx === "response",
  "field-nullable": (ctx) => ctx === "response",
  "field-not-nullable": (ctx) => ctx !== "response",
  "format-changed": (_ctx, facts) => facts.binary,
  "enum-value-added": (ctx) => ctx === "response",
  "enum-value-removed": (ctx) => ctx !== "response",
  "enum-added": (ctx) => ctx !== "response",
  "enum-removed": (ctx) => ctx === "response",
};

function schemaBreaking(kind: string, ctx: Context, facts: Facts): boolean {
  const rule = SCHEMA_RULES[kind];
  if (!rule) throw new Error(`specs:diff: no rule for ${kind}`);
  if (ctx === "model") return Boolean(rule("request", facts) || rule("response", facts));
  return Boolean(rule(ctx === "parameter" ? "request" : ctx, facts));
}

// ---------------------------------------------------------------- walking the raw documents

function pointerGet(doc: unknown, ref: unknown): { found: false } | { found: true; node: unknown; segments: string[] } {
  if (typeof ref !== "string" || !ref.startsWith("#/")) return { found: false };
  let node: unknown = doc;
  const segments = ref
    .slice(2)
    .split("/")
    .map((s) => decodeURIComponent(s.replace(/~1/g, "/").replace(/~0/g, "~")));
  for (const segment of segments) {
    if (node === null || typeof node !== "object" || !(segment in node)) return { found: false };
    node = (node as Record<string, unknown>)[segment];
  }
  return { found: true, node, segments };
}

/** Follows $refs; `onRef` gets the path of each target. */
function deref(doc: unknown, node: unknown, onRef?: (target: string[]) => void): unknown {
  for (let hops = 0; hops < 32 && node && typeof node === "object" && typeof (node as JsonObject).$ref === "string"; hops += 1) {
    const target = pointerGet(doc, (node as JsonObject).$ref);
    if (!target.found) return undefined;
    onRef?.(target.segments);
    node = target.node;
  }
  return node;
}

function child(node: unknown, segment: string): unknown {
  if (node === null || typeof node !== "object") return undefined;
  return Object.hasOwn(node, segment) ? (node as Record<string, unknown>)[segment] : undefined;
}

/**
 * Follows a diff path through a raw document the way api-smart-diff saw it
 * (refs resolved, allOf merged, path-level parameters appended to each
 * operation's). Returns the node, and `anchor`/`rest`: the target of the last
 * $ref crossed and the segments after it, so that a change inside a shared
 * schema has the same address whichever operation it was reached from.
 */
/** Where `walk` found a node: the node, and the target of the last `$ref` crossed with the segments after it. */
export interface Found {
  node: unknown;
  anchor: string[];
  rest: string[];
}

export function walk(doc: unknown, path: readonly (string | number)[]): Found | undefined {
  return walkFrom(doc, doc, path.map(String), 0, [], []);
}

function walkFrom(doc: unknown, start: unknown, path: string[], i: number, startAnchor: string[], startRest: string[]): Found | undefined {
  let anchor = startAnchor;
  let rest = startRest;
  const node = deref(doc, start, (target) => {
    anchor = target;
    rest = [];
  });
  if (i === path.length) return node === undefined ? undefined : { node, anchor, rest };
  const segment = path[i] as string;
  let next: unknown;
  if (i === 3 && path[0] === "paths" && METHODS.has(path[2] ?? "") && segment === "parameters") {
    const item = deref(doc, child(child(doc, "paths"), path[1] ?? ""));
    const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
    next = [...list(child(node, "parameters")), ...list(child(item, "parameters"))];
  } else {
    next = child(node, segment);
  }
  if (next !== undefined) {
    const found = walkFrom(doc, next, path, i + 1, anchor, [...rest, segment]);
    if (found) return found;
  }
  // api-smart-diff merges allOf: look for the rest of the path in each member.
  const allOf = child(node, "allOf");
  for (const member of Array.isArray(allOf) ? allOf : []) {
    const found = walkFrom(doc, member, path, i, anchor, rest);
    if (found) return found;
  }
  return undefined;
}

// ---------------------------------------------------------------- describing one diff

/** `owner.tags[]` from properties/owner/properties/tags/items, and the segments left after it. */
function splitField(segments: string[]): { field: string; rest: string[] } {
  let out = "";
  let i = 0;
  for (; i < segments.length; i += 1) {
    const s = segments[i];
    if (s === "properties" && i + 1 < segments.length) {
      out += out ? `.${segments[i + 1]}` : segments[i + 1];
      i += 1;
    } else if (s === "items") out += "[]";
    else if (s === "additionalProperties" && i + 1 < segments.length) out += "{}";
    else if ((s === "allOf" || s === "oneOf" || s === "anyOf") && i + 1 < segments.length) i += 1;
    else break;
  }
  return { field: out, rest: segments.slice(i) };
}

const fieldPath = (segments: string[]) => splitField(segments).field;

const show = (value: unknown): string => {
  const text = value === undefined ? "none" : typeof value === "string" ? value : String(JSON.stringify(value));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};
/** integer and number are both `number` in TypeScript. */
const tsType = (type: unknown) => JSON.stringify(type === "integer" ? "number" : type);

function requiredNames(schema: unknown): Set<unknown> {
  const node = (schema ?? {}) as JsonObject;
  const names = new Set<unknown>(Array.isArray(node.required) ? node.required : []);
  for (const member of Array.isArray(node.allOf) ? node.allOf : []) {
    const required = (member as JsonObject | undefined)?.required;
    for (const n of Array.isArray(required) ? required : []) names.add(n);
  }
  return names;
}

/**
 * Classifies a change inside a schema. `s` is the path inside the schema,
 * `ctx` request | response | parameter | model. Returns a list (a whole
 * `required` list added names several fields), empty when the change is
 * reported elsewhere, or undefined when none of our rules applies.
 */
function schemaChanges(diff: SpecDiff, s: string[], ctx: Context, docs: Docs): SchemaChange[] | undefined {
  const { action } = diff;
  const last = String(s.at(-1));
  const prev = s.length > 1 ? String(s.at(-2)) : undefined;
  const make = (kind: string, field: string, detail = "", facts: Facts = {}): SchemaChange => ({
    kind,
    field,
    detail,
    breaking: schemaBreaking(kind, ctx, facts),
  });

  if (prev === "properties" && (action === "add" || action === "remove")) {
    if (action === "remove") return [make("field-removed", fieldPath(s))];
    const parent = walk(docs.after, diff.path.slice(0, -2))?.node;
    const required = requiredNames(parent).has(last);
    return [make("field-added", fieldPath(s), required ? "required" : "optional", { required })];
  }
  if (last === "required" || prev === "required") {
    if (action === "replace") return undefined;
    const value = action === "add" ? diff.after : diff.before;
    const names = (Array.isArray(value) ? value : [value]).filter((n) => typeof n === "string");
    const schemaPath = diff.path.slice(0, last === "required" ? -1 : -2);
    // A name made required together with its new property is part of "field added".
    const other = action === "add" ? docs.before : docs.after;
    const exists = (name: string) => walk(other, [...schemaPath, "properties", name]) !== undefined;
    const base = fieldPath(s.slice(0, last === "required" ? -1 : -2));
    return names
      .filter(exists)
      .map((name) => make(action === "add" ? "field-required" : "field-optional", base ? `${base}.${name}` : name));
  }
  if (last === "type") {
    const sameTsType = action === "replace" && tsType(diff.before) === tsType(diff.after);
    return [make("field-retyped", fieldPath(s.slice(0, -1)), `${show(diff.before)} → ${show(diff.after)}`, { sameTsType })];
  }
  if (last === "format") {
    const binary = diff.before === "binary" || diff.after === "binary";
    return [make("format-changed", fieldPath(s.slice(0, -1)), `${show(diff.before)} → ${show(diff.after)}`, { binary })];
  }
  if (last === "nullable") {
    const nullable = action !== "remove" && diff.after === true;
    return [make(nullable ? "field-nullable" : "field-not-nullable", fieldPath(s.slice(0, -1)))];
  }
  if (last === "enum" && (action === "add" || action === "remove")) {
    return [
      make(action === "add" ? "enum-added" : "enum-removed", fieldPath(s.slice(0, -1)), show(action === "add" ? diff.after : diff.before)),
    ];
  }
  if (prev === "enum") {
    const field = fieldPath(s.slice(0, -2));
    if (action === "add") return [make("enum-value-added", field, show(diff.after))];
    if (action === "remove") return [make("enum-value-removed", field, show(diff.before))];
    return [make("enum-value-removed", field, show(diff.before)), make("enum-value-added", field, show(diff.after))];
  }
  return undefined;
}

/** The two documents compared. */
interface Docs {
  before: unknown;
  after: unknown;
}

function firstTag(doc: unknown, route: string, method: string): unknown {
  return walk(doc, ["paths", route, method, "tags", "0"])?.node;
}

/** Turns one api-smart-diff entry into zero or more of our changes. */
function describe(diff: SpecDiff, docs: Docs): Item[] {
  const { path, action } = diff;
  const primary = action === "add" ? docs.after : docs.before;
  const located = walk(primary, path) ?? walk(action === "add" ? docs.before : docs.after, path);
  const keyPath = located && located.anchor.length > 0 ? [...located.anchor, ...located.rest] : path.map(String);
  const key = JSON.stringify(keyPath);
  const operationPath = path[0] === "paths" && METHODS.has(String(path[2])) ? `${String(path[2]).toUpperCase()} ${path[1]}` : undefined;
  // Anything our rules do not cover keeps api-smart-diff's classification, named by where it is.
  const fallback = (): Item[] => {
    if (diff.type === "annotation") return [{ documentation: true, key }];
    let subject: string;
    let rest: string[];
    if (keyPath[0] === "components" && keyPath[1] === "schemas" && keyPath.length > 2) {
      const split = splitField(keyPath.slice(3));
      subject = [keyPath[2], split.field].filter(Boolean).join(".");
      rest = split.rest;
    } else if (keyPath[0] === "paths" && operationPath) {
      subject = operationPath;
      rest = keyPath.slice(3);
    } else {
      subject = keyPath.slice(0, 3).join(".");
      rest = keyPath.slice(3);
    }
    const values = action === "replace" ? `${show(diff.before)} → ${show(diff.after)}` : `${action === "add" ? "added" : "removed"}`;
    const unclassified = diff.type === "unclassified" && !path.some((segment) => String(segment).startsWith("x-"));
    const detail = `${rest.join(".") || "whole"}: ${values}${unclassified ? " (not classified: review it)" : ""}`;
    // Extensions do not change the generated code, except the ones that name enum members;
    // security schemes neither (credentials come from @sciclients/auth).
    const extension = path.map(String).find((segment) => segment.startsWith("x-"));
    let breaking = diff.type === "breaking" || diff.type === "unclassified";
    if (extension) breaking = ENUM_NAME_EXTENSIONS.has(extension);
    if (path[0] === "components" && path[1] === "securitySchemes") breaking = false;
    const kind = CONSTRAINTS.has(String(rest.at(-1))) ? "constraint" : "other";
    return [{ key, kind, breaking, subject, detail, where: operationPath, bump: "patch" }];
  };

  // Changes inside a shared component schema are named after it (the generated model type)
  // and judged from the schema's own root, whichever operation reached it.
  const schemaAnchor = keyPath[0] === "components" && keyPath[1] === "schemas" && keyPath.length > 3 ? keyPath : undefined;
  const fromSchema = (s: string[], ctx: Context, where: string | undefined, base: string): Item[] => {
    const found = schemaChanges(diff, schemaAnchor ? schemaAnchor.slice(3) : s, ctx, docs);
    if (found === undefined) return fallback();
    return found.map((c) => {
      let subject: string;
      if (schemaAnchor) subject = [schemaAnchor[2], c.field].filter(Boolean).join(".");
      else if (ctx === "parameter") subject = c.field ? `${base}: ${c.field}` : base;
      else subject = c.field || base;
      return { key, ctx, where, ...c, subject };
    });
  };

  if (path[0] === "components") {
    const [, section, name] = path.map(String);
    if (section === "schemas" && path.length === 3 && (action === "add" || action === "remove")) {
      return [
        {
          key,
          kind: action === "add" ? "model-added" : "model-removed",
          breaking: action === "remove",
          subject: name,
          fromComponent: true,
        },
      ];
    }
    if (section === "schemas" && path.length > 3)
      return fromSchema(path.slice(3).map(String), "model", undefined, String(name)).map((c) => ({ ...c, fromComponent: true }));
    return fallback().map((c) => ({ ...c, fromComponent: true }));
  }

  // The document's tag list, info and external docs only describe the API.
  if (["tags", "info", "externalDocs"].includes(String(path[0]))) return [{ documentation: true, key }];
  if (path[0] !== "paths" || path.length < 3 || !METHODS.has(String(path[2]))) return fallback();
  const [, route = "", method = "", ...r] = path.map(String);
  const operation = `${method.toUpperCase()} ${route}`;
  const op = { key, where: operation };

  if (r.length === 0) {
    if (action === "add")
      return [{ ...op, kind: "operation-added", breaking: false, subject: operation, detail: operationIdOf(diff.after) }];
    if (action === "remove")
      return [{ ...op, kind: "operation-removed", breaking: true, subject: operation, detail: operationIdOf(diff.before) }];
    return fallback();
  }
  switch (r[0]) {
    case "operationId":
      return [
        { ...op, kind: "operation-renamed", breaking: true, subject: operation, detail: `${show(diff.before)} → ${show(diff.after)}` },
      ];
    case "tags": {
      const before = firstTag(docs.before, route, method);
      const after = firstTag(docs.after, route, method);
      if (before === after) return [{ documentation: true, key }];
      return [{ ...op, kind: "operation-moved", breaking: true, subject: operation, detail: `${show(before)} → ${show(after)}` }];
    }
    case "deprecated":
      if (action !== "remove" && diff.after === true) return [{ ...op, kind: "operation-deprecated", breaking: false, subject: operation }];
      return [{ documentation: true, key }];
    case "parameters": {
      const source = action === "add" ? docs.after : docs.before;
      const param = (walk(source, ["paths", route, method, "parameters", r[1] ?? ""])?.node ??
        (action === "add" ? diff.after : diff.before)) as JsonObject | undefined;
      const label = param?.name ? `${String(param.name)} (${String(param.in)})` : `parameter ${r[1]}`;
      if (r.length === 2) {
        if (action === "add") {
          const required = param?.required === true;
          return [{ ...op, kind: "parameter-added", breaking: required, subject: label, detail: required ? "required" : "optional" }];
        }
        if (action === "remove") return [{ ...op, kind: "parameter-removed", breaking: true, subject: label }];
        return fallback();
      }
      if (r[2] === "required") {
        const required = action !== "remove" && diff.after === true;
        return [{ ...op, kind: required ? "parameter-required" : "parameter-optional", breaking: required, subject: label }];
      }
      if (r[2] === "schema") return fromSchema(r.slice(3), "parameter", operation, label);
      return fallback();
    }
    case "requestBody": {
      const where = `${operation} (request)`;
      if (r.length === 1) {
        if (action === "add") {
          const required = (diff.after as JsonObject | undefined)?.required === true;
          return [
            { key, where, kind: "request-body-added", breaking: required, subject: operation, detail: required ? "required" : "optional" },
          ];
        }
        if (action === "remove") return [{ key, where, kind: "request-body-removed", breaking: true, subject: operation }];
        return fallback();
      }
      if (r[1] === "required") {
        const required = action !== "remove" && diff.after === true;
        return [{ key, where, kind: required ? "request-body-required" : "request-body-optional", breaking: required, subject: operation }];
      }
      if (r[1] === "content" && r.length === 3 && action !== "replace") {
        return [
          {
            key,
            where,
            kind: action === "add" ? "content-type-added" : "content-type-removed",
            breaking: action === "remove",
            subject: `${operation} request`,
            detail: r[2] ?? "",
          },
        ];
      }
      if (r[1] === "content" && r[3] === "schema") return fromSchema(r.slice(4), "request", where, "request body");
      return fallback();
    }
    case "responses": {
      const status = r[1];
      const success = /^2/.test(status ?? "");
      const where = `${operation} (${status} response)`;
      if (r.length === 2 && action !== "replace") {
        if (action === "add")
          return [
            { key, where, kind: "response-added", breaking: false, subject: `${operation} ${status}`, bump: success ? "minor" : "patch" },
          ];
        return [{ key, where, kind: "response-removed", breaking: success, subject: `${operation} ${status}` }];
      }
      if (r[2] === "content" && r.length === 4 && action !== "replace") {
        return [
          {
            key,
            where,
            kind: action === "add" ? "content-type-added" : "content-type-removed",
            breaking: action === "remove" && success,
            subject: `${operation} ${status} response`,
            detail: r[3] ?? "",
            bump: action === "add" && success ? "minor" : "patch",
          },
        ];
      }
      if (r[2] === "content" && r[4] === "schema") return fromSchema(r.slice(5), "response", where, `${status} response`);
      return fallback();
    }
    default:
      return fallback();
  }
}

/** The operationId of an operation object a diff added or removed, or "". */
function operationIdOf(value: unknown): string {
  const id = (value as JsonObject | undefined)?.operationId;
  return id === undefined || id === null ? "" : String(id);
}

// ---------------------------------------------------------------- the whole comparison

const BUMPS: Bump[] = ["patch", "minor", "major"];
export const maxBump = (a: Bump, b: Bump): Bump => (BUMPS.indexOf(a) >= BUMPS.indexOf(b) ? a : b);

/**
 * Compares two OpenAPI 3.x documents (objects). Resolves to
 * `{ changes, documentation }`: changes sorted breaking first, each
 * `{ kind, label, breaking, bump, subject, detail, where: string[] }`;
 * documentation counts description, summary and example edits.
 */
export function compareDocuments(before: unknown, after: unknown): Comparison {
  for (const [name, value] of [
    ["before", before],
    ["after", after],
  ] as const) {
    const doc = (value ?? undefined) as JsonObject | undefined;
    if (typeof doc?.openapi !== "string" || !doc.openapi.startsWith("3.")) {
      throw new Error(
        `specs:diff compares OpenAPI 3.x documents; the ${name} document is ${doc?.swagger ? `Swagger ${String(doc.swagger)}` : "not one"}`,
      );
    }
  }
  const diffs: SpecDiff[] = apiCompare(before, after).diffs;
  const docs = { before, after };
  const groups = new Map<string, Item[]>();
  const documentation = new Set<string>();
  for (const diff of diffs) {
    for (const item of describe(diff, docs)) {
      if (item.documentation) {
        documentation.add(item.key);
        continue;
      }
      const id = `${item.key}|${item.kind}|${item.subject}|${item.detail ?? ""}`;
      const group = groups.get(id) ?? [];
      group.push(item);
      groups.set(id, group);
    }
  }

  const changes: Change[] = [];
  for (const members of groups.values()) {
    // A shared schema is also diffed under components/; its uses decide how it is classified.
    const used = members.filter((m) => !m.fromComponent);
    const judged = used.length > 0 ? used : members;
    const first = judged[0];
    const kind = first?.kind === undefined ? undefined : KINDS[first.kind];
    if (!first || !kind) continue;
    const breaking = judged.some((m) => m.breaking);
    const contexts = new Set(judged.flatMap((m) => (m.ctx ? [m.ctx] : [])));
    let label = kind.label;
    if (kind.scoped) {
      const scope =
        contexts.size === 1
          ? { request: "Request", response: "Response", parameter: "Parameter", model: "Model" }[[...contexts][0] as Context]
          : "Schema";
      label = `${scope} ${label}`;
    }
    const where = [...new Set(judged.flatMap((m) => (m.where ? [m.where] : [])))].sort();
    const bump: Bump = breaking ? "major" : judged.map((m): Bump => m.bump ?? kind.bump ?? "patch").reduce(maxBump, "patch");
    changes.push({
      kind: first.kind as string,
      label,
      breaking,
      bump,
      subject: first.subject ?? "",
      detail: first.detail ?? "",
      where,
      unused: used.length === 0,
    });
  }
  changes.sort(
    (a, b) =>
      Number(b.breaking) - Number(a.breaking) ||
      Object.keys(KINDS).indexOf(a.kind) - Object.keys(KINDS).indexOf(b.kind) ||
      a.subject.localeCompare(b.subject) ||
      a.detail.localeCompare(b.detail),
  );
  return { changes, documentation: documentation.size };
}

/** The semver bump a set of changes calls for, or undefined for none. */
export function bumpFor({ changes, documentation }: Comparison): Bump | undefined {
  if (changes.length === 0) return documentation > 0 ? "patch" : undefined;
  return changes.map((c) => c.bump).reduce(maxBump, "patch");
}
