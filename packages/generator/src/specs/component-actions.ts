// Two fix actions beyond the OpenAPI Overlay ones (update, remove, copy), for
// giving a live document our public names without rewriting it:
//
//   rename: NewName                        the component at `target` (one of
//                                          $.components.<section>.<Name>) gets a
//                                          new name; every $ref to it follows
//   extract: "#/components/<section>/Name" the inline objects at `target` (all
//                                          alike) become that one component,
//                                          each replaced by a $ref to it
//
// Both work on a copy and return `{ doc, used, errors }` like the Overlay actions:
// `used` is false when the target matches nothing, `errors` says why an action
// cannot be applied.
import { isDeepStrictEqual } from "node:util";
import { paths as jsonPathPaths } from "jsonpathly";
import { isObject } from "../prepare/walk.ts";
import type { JsonObject } from "../types.ts";

/** What an action did: the document after it (the input when it failed), whether it matched, why it failed. */
interface Outcome {
  doc: JsonObject;
  used: boolean;
  errors: string[];
}

/** A step of a normalized path: a key or an index. */
type Segment = string | number;

/** A node a path leads to, read or written whatever it is (an object or an array). */
type Container = Record<Segment, unknown>;

/** Component sections whose entries are referenced by `$ref` (security schemes are referenced by name). */
export const REFERENCED_SECTIONS = ["schemas", "parameters", "responses", "headers", "requestBodies", "examples", "links", "callbacks"];
/** What OpenAPI allows as a component name. */
const COMPONENT_NAME = /^[A-Za-z0-9._-]+$/;
const COMPONENT_REF = new RegExp(`^#/components/(${REFERENCED_SECTIONS.join("|")})/([A-Za-z0-9._-]+)$`);

const ESCAPES: Record<string, string> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", "/": "/", "\\": "\\", "'": "'", '"': '"' };

/** The segments of an RFC 9535 normalized path such as `$['paths']['/a'][0]`. */
export function parseNormalizedPath(normalized: string): Segment[] {
  const segments: Segment[] = [];
  let i = 1;
  while (i < normalized.length) {
    if (normalized[i] !== "[") throw new Error(`not a normalized path: ${normalized}`);
    i += 1;
    if (normalized[i] === "'") {
      let name = "";
      i += 1;
      while (normalized[i] !== "'") {
        if (i >= normalized.length) throw new Error(`not a normalized path: ${normalized}`);
        if (normalized[i] === "\\") {
          const next = normalized[i + 1];
          if (next === "u") {
            name += String.fromCharCode(Number.parseInt(normalized.slice(i + 2, i + 6), 16));
            i += 6;
          } else {
            name += (next === undefined ? undefined : ESCAPES[next]) ?? next ?? "";
            i += 2;
          }
        } else {
          name += normalized[i];
          i += 1;
        }
      }
      segments.push(name);
      i += 2; // the closing quote and bracket
    } else {
      const end = normalized.indexOf("]", i);
      segments.push(Number(normalized.slice(i, end)));
      i = end + 1;
    }
  }
  return segments;
}

/** Where `target` points in `doc`: a list of segment lists (throws on a JSONPath syntax error). */
function resolve(doc: JsonObject, target: string): Segment[][] {
  return jsonPathPaths(doc, target).map(parseNormalizedPath);
}

const escapeToken = (segment: Segment) => String(segment).replace(/~/g, "~0").replace(/\//g, "~1");
/** A JSON pointer for messages: `#/paths/~1uris/get`. */
export const pointerOf = (segments: readonly Segment[]): string => `#/${segments.map(escapeToken).join("/")}`;

function nodeAt(doc: JsonObject, segments: readonly Segment[]): unknown {
  let node: unknown = doc;
  for (const segment of segments) node = node === null || node === undefined ? undefined : (node as Container)[segment];
  return node;
}

/** Calls `visit(object)` for every object in the tree, arrays included. */
function forEachObject(node: unknown, visit: (object: JsonObject) => void): void {
  if (node === null || typeof node !== "object") return;
  if (!Array.isArray(node)) visit(node as JsonObject);
  for (const value of Object.values(node)) forEachObject(value, visit);
}

/** Whether a $ref points at `ref` itself or inside it (`#/components/schemas/A/properties/b`). */
const refersTo = (value: unknown, ref: string): value is string =>
  typeof value === "string" && (value === ref || value.startsWith(`${ref}/`));

/** Renames one component and every $ref (and discriminator mapping) that points at it or into it. */
export function renameComponent(input: JsonObject, { target, rename }: { target: string; rename?: unknown }): Outcome {
  const doc = structuredClone(input);
  const matches = resolve(doc, target);
  if (matches.length === 0) return { doc: input, used: false, errors: [] };
  const fail = (reason: string): Outcome => ({ doc: input, used: true, errors: [reason] });
  if (typeof rename !== "string" || !COMPONENT_NAME.test(rename))
    return fail(`rename must be a component name (letters, digits, ".", "-", "_"), got ${JSON.stringify(rename)}`);
  if (matches.length > 1) return fail(`rename needs a target that is one component; ${target} matched ${matches.length} nodes`);
  const segments = matches[0] ?? [];
  const [components, section, name, ...rest] = segments;
  if (components !== "components" || rest.length > 0 || name === undefined)
    return fail(`rename needs a target such as $.components.schemas.Name; ${target} is ${pointerOf(segments)}`);
  if (typeof section !== "string" || !REFERENCED_SECTIONS.includes(section))
    return fail(`rename works on components referenced by $ref (${REFERENCED_SECTIONS.join(", ")}), not ${section}`);
  // The target matched, so the components object and its section exist.
  const componentsObject = doc.components as JsonObject;
  const entries = componentsObject[section] as JsonObject;
  if (name === rename) return fail(`${pointerOf(segments)} is already called ${rename}`);
  if (Object.hasOwn(entries, rename)) return fail(`#/components/${section}/${rename} exists already`);

  componentsObject[section] = Object.fromEntries(Object.entries(entries).map(([key, value]) => [key === name ? rename : key, value]));
  const from = `#/components/${section}/${escapeToken(name)}`;
  const to = `#/components/${section}/${rename}`;
  forEachObject(doc, (object) => {
    if (refersTo(object.$ref, from)) object.$ref = to + object.$ref.slice(from.length);
    const mapping = isObject(object.discriminator) ? object.discriminator.mapping : undefined;
    if (section === "schemas" && isObject(mapping)) {
      for (const [key, value] of Object.entries(mapping)) {
        if (refersTo(value, from)) mapping[key] = to + value.slice(from.length);
        else if (value === name) mapping[key] = rename;
      }
    }
  });
  return { doc, used: true, errors: [] };
}

/**
 * Moves the inline objects at `target` into one component and puts a $ref
 * in each place. They must all be alike (key order aside): when the service
 * starts declaring one of them differently, the fetch fails instead of hiding it.
 */
export function extractComponent(input: JsonObject, { target, extract }: { target: string; extract?: unknown }): Outcome {
  const doc = structuredClone(input);
  const matches = resolve(doc, target);
  if (matches.length === 0) return { doc: input, used: false, errors: [] };
  const fail = (reason: string): Outcome => ({ doc: input, used: true, errors: [reason] });
  const ref = typeof extract === "string" ? COMPONENT_REF.exec(extract) : null;
  if (!ref)
    return fail(`extract must be a local component reference such as "#/components/parameters/Name", got ${JSON.stringify(extract)}`);
  const [, section = "", name = ""] = ref;
  const existing = isObject(doc.components) ? doc.components[section] : undefined;
  if (isObject(existing) && Object.hasOwn(existing, name)) return fail(`${extract} exists already`);

  const nodes = matches.map((segments) => ({ segments, value: nodeAt(doc, segments) }));
  for (const { segments, value } of nodes) {
    if (!isObject(value)) return fail(`${pointerOf(segments)} is not an object, so it cannot become ${extract}`);
    if (typeof value.$ref === "string") return fail(`${pointerOf(segments)} is a $ref already (${value.$ref})`);
  }
  const [first, ...others] = nodes;
  if (!first) return { doc: input, used: false, errors: [] };
  // isDeepStrictEqual does not compare the order of object keys.
  const different = others.find(({ value }) => !isDeepStrictEqual(value, first.value));
  if (different)
    return fail(`${pointerOf(different.segments)} differs from ${pointerOf(first.segments)}, so they cannot be one component ${extract}`);

  doc.components ??= {};
  const componentsObject = doc.components as JsonObject;
  componentsObject[section] ??= {};
  (componentsObject[section] as JsonObject)[name] = structuredClone(first.value);
  for (const { segments } of nodes) {
    // Every node was checked to be an object above: its parent holds it.
    const parent = nodeAt(doc, segments.slice(0, -1)) as Container;
    parent[segments.at(-1) as Segment] = { $ref: extract };
  }
  return { doc, used: true, errors: [] };
}
