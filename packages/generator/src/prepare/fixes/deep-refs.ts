import type { Change } from "../../types.ts";
import { forEachRef, isObject, refOf, refTokens, resolveTokens, type Token } from "../walk.ts";
import { componentsOf, type Doc, objectAt, pascal, record, uniqueName } from "./shared.ts";

/** The component section a `$ref` written at `tokens` must point into. */
function refKind(tokens: readonly Token[]): string {
  const last = tokens.at(-1);
  const parent = tokens.at(-2);
  const grand = tokens.at(-3);
  if (parent === "parameters" && typeof last === "number") return "parameters";
  if (last === "requestBody") return "requestBodies";
  if (grand === "properties") return "schemas";
  if (parent === "responses") return "responses";
  if (parent === "headers") return "headers";
  if (parent === "examples") return "examples";
  if (parent === "links") return "links";
  if (parent === "callbacks") return "callbacks";
  if (tokens[0] === "paths" && tokens.length === 2) return "pathItems";
  return "schemas";
}

const STRUCTURAL = new Set<Token>([
  "content",
  "schema",
  "properties",
  "items",
  "responses",
  "parameters",
  "paths",
  "components",
  "schemas",
]);

function hoistedName(doc: Doc, target: string[]): string {
  let words: Token[] = target;
  if (target[0] === "paths" && target.length >= 3) {
    const op = resolveTokens(doc, target.slice(0, 3));
    words = [isObject(op) && typeof op.operationId === "string" ? op.operationId : `${target[2]} ${target[1]}`, ...target.slice(3)];
  } else if (target[0] === "components") words = target.slice(2);
  const kept = words.filter((w) => !STRUCTURAL.has(w) && !String(w).includes("/")).map((w) => (w === "requestBody" ? "body" : String(w)));
  return pascal(kept.join(" ")) || "Schema";
}

/**
 * `$ref`s that point inside a schema, a path or a response (anything but a whole
 * component) become references to a new named component holding that object.
 */
export function hoistDeepRefs(doc: Doc, changes: Change[]): void {
  const deep = new Map<string, { target: string[]; kind: string; at: Token[] }>();
  forEachRef(doc, (node, tokens) => {
    const target = refTokens(node.$ref);
    if (!target || (target.length === 3 && target[0] === "components")) return;
    const kind = refKind(tokens);
    if (kind === "pathItems") return;
    const key = refOf(target);
    if (!deep.has(key)) deep.set(key, { target, kind, at: tokens });
  });
  if (deep.size === 0) return;
  const components = componentsOf(doc);
  const moved = new Map<string, string>();
  // Deepest first: a target inside another target moves before its container does.
  const ordered = [...deep.entries()].sort(([a, x], [b, y]) => y.target.length - x.target.length || a.localeCompare(b));
  for (const [key, { target, kind, at }] of ordered) {
    const container = resolveTokens(doc, target.slice(0, -1));
    const last = target.at(-1) ?? "";
    // The container is an object or an array: either is indexed by the token.
    const parent = typeof container === "object" && container !== null ? (container as Record<string, unknown>) : undefined;
    const value = parent?.[last];
    if (!parent || !isObject(value)) continue;
    const section = objectAt(components, kind);
    const taken = new Set(Object.keys(section).map((k) => k.toLowerCase()));
    const name = uniqueName(hoistedName(doc, target), taken);
    section[name] = value;
    const ref = refOf(["components", kind, name]);
    parent[last] = { $ref: ref };
    moved.set(key, ref);
    record(changes, "deep-ref", at, `${key} moved to ${ref}`);
  }
  forEachRef(doc, (node) => {
    const target = refTokens(node.$ref);
    const next = target && moved.get(refOf(target));
    if (next) node.$ref = next;
  });
}
